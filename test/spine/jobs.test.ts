import { afterEach, describe, expect, it } from 'vitest';
import { defineJob } from '../../src/jobs/define-job';
import { claimJobRun, findJobRun, releaseJobRuns, renewJobRun } from '../../src/db/job-runs.repository';
import { INSTANCE_ID, runJob } from '../../src/jobs/runner';
import { Scheduler } from '../../src/jobs/scheduler';
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

  it('takes over a run whose instance stopped renewing its lease, and a run given back at shutdown at once', async () => {
    h = await Harness.start({ dialect });
    const db = h.db;
    const at = new Date('2026-11-20T07:00:00Z');
    const wall = Date.now();
    // Instance "dead" claimed the period and died: its lease (1 s) is not renewed.
    expect(await claimJobRun(db, 'probe', 'P1', 'dead:1', at, 1000, new Date(wall))).toBe(true);
    expect(await claimJobRun(db, 'probe', 'P1', 'live:2', at, 1000, new Date(wall + 500))).toBe(false);
    expect(await claimJobRun(db, 'probe', 'P1', 'live:2', at, 1000, new Date(wall + 1500))).toBe(true);
    // The dead one cannot renew what it lost.
    expect(await renewJobRun(db, 'probe', 'P1', 'dead:1', new Date(wall + 1600))).toBe(false);
    expect(await renewJobRun(db, 'probe', 'P1', 'live:2', new Date(wall + 1600))).toBe(true);
    // A clean stop gives the run back: the next instance takes it without waiting for the lease.
    expect(await releaseJobRuns(db, 'live:2', new Date(wall + 1700))).toBe(1);
    expect(await claimJobRun(db, 'probe', 'P1', 'next:3', at, 60_000, new Date(wall + 1800))).toBe(true);
    expect((await findJobRun(db, 'probe', 'P1'))?.instance).toBe('next:3');
  });

  it('the scheduler catches up an abandoned run once its lease has passed', async () => {
    h = await Harness.start({ dialect, now: '2026-11-20T15:05:00+08:00' });
    let runs = 0;
    const job = defineJob({
      name: 'probe',
      describe: 'test',
      cron: '0 0 1 1 *',
      periodAt: (deps) => deps.clock.now().toISOString().slice(0, 10),
      async run() {
        runs++;
        return 'ok';
      },
    });
    const period = h.app.deps.clock.now().toISOString().slice(0, 10);
    // Another instance claimed today's run at the same moment and died holding it.
    expect(await claimJobRun(h.db, 'probe', period, 'dead:1', h.app.deps.clock.now(), 300)).toBe(true);
    const scheduler = new Scheduler(h.app.deps, [job], () => {}, { leaseMs: 300 });
    scheduler.start();
    try {
      const until = Date.now() + 10_000;
      while ((await findJobRun(h.db, 'probe', period))?.status !== 'done' && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await scheduler.stop();
    }
    const run = await findJobRun(h.db, 'probe', period);
    expect(run).toMatchObject({ status: 'done', instance: INSTANCE_ID, lease_until: null });
    expect(runs).toBe(1);
  });
});
