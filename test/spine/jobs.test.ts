import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/define-job';
import { runJob } from '../../src/jobs/runner';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';

describe.each(dialectsUnderTest())('job runs (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('runs a job once per period, even when two instances tick at the same moment, and retries a failed period', async () => {
    h = await Harness.start({ dialect });
    let runs = 0;
    let fail = true;
    const job = defineJob({
      name: 'probe',
      describe: 'test',
      cron: '* * * * *',
      periodAt: (deps) => deps.clock.now().toISOString().slice(0, 10),
      async run() {
        runs++;
        if (fail) throw new Error('boom');
        return 'ok';
      },
    });
    const at = new Date('2026-11-20T07:00:00Z');
    expect((await runJob(h.app.deps, job, at)).status).toBe('failed');
    fail = false;
    const [a, b] = await Promise.all([runJob(h.app.deps, job, at), runJob(h.app.deps, job, at)]);
    expect([a.status, b.status].sort()).toEqual(['already-done', 'done']);
    expect((await runJob(h.app.deps, job, at)).status).toBe('already-done');
    expect(runs).toBe(2);
    expect((await runJob(h.app.deps, job, new Date('2026-11-21T07:00:00Z'))).status).toBe('done');
  });
});
