import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreDeps } from '../../src/core/deps';
import { defineJob } from '../../src/jobs/define-job';
import { runJob } from '../../src/jobs/runner';
import { Harness } from '../helpers/harness';

/** Rows of 4 KB: each fills about a page of the log. */
async function writePages(deps: CoreDeps, pages: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < pages; i++) await sql`insert into bulk (t) values (${'考'.repeat(1300) + i})`.execute(trx);
  });
}

/**
 * SQLite checkpoints inside the commit that takes its log past 1,000 pages, on the bot's thread.
 * While a job runs, a thread of its own does it beside the job (a quarter's close: its commits
 * 350–460 ms → 160–180 ms).
 */
describe('while a job runs on a SQLite file, its checkpoints run on a thread of their own', () => {
  let h: Harness | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    h = undefined;
    dir = undefined;
  });

  it('copies a job’s writes into the database file long before the log’s own threshold, and stops with the last job', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingshi-aside-'));
    const file = join(dir, 'app.db');
    h = await Harness.start({ sqliteFile: file });
    await sql`create table bulk (t text)`.execute(h.db);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(h.db);
    const jobRoom = h.store.jobRoom!;
    const size = () => statSync(file).size;

    // Outside a job nothing copies 300 pages (a third of the threshold) into the file.
    const before = size();
    await writePages(h.app.deps, 300);
    expect(size()).toBe(before);
    expect(jobRoom.active).toBe(false);

    let release!: () => void;
    const overlapping = new Promise<void>((resolve) => (release = resolve));
    const job = (name: string, run: (deps: CoreDeps) => Promise<string>) => defineJob({ name, describe: name, cron: '0 0 * * *', periodAt: () => 'p1', run });
    const bulk = runJob(
      h.app.deps,
      job('bulk-write', async (deps) => {
        await writePages(deps, 300);
        // The thread copies both batches (2.4 MB) while the job still runs.
        await vi.waitFor(() => expect(size()).toBeGreaterThan(before + 2_000_000), { timeout: 10_000, interval: 20 });
        await overlapping;
        return '写入完成';
      }),
      h.clock.now(),
    );
    await vi.waitFor(() => expect(jobRoom.active).toBe(true));
    // A second job that fails meanwhile leaves the thread to the first.
    const failed = await runJob(h.app.deps, job('bulk-fail', () => Promise.reject(new Error('写入失败'))), h.clock.now());
    expect(failed.status).toBe('failed');
    expect(jobRoom.active).toBe(true);
    release();
    expect((await bulk).message).toContain('写入完成');
    expect(jobRoom.active).toBe(false);
    const rows = await sql<{ n: number }>`select count(*) as n from bulk`.execute(h.db);
    expect(Number(rows.rows[0]!.n)).toBe(600);
  }, 30_000);
});
