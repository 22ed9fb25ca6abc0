/**
 * `node bin/run-ts.mjs bench/fanout.ts [--recipients 2000] [--scale 10] [--outage-minutes 5] [--db file|postgres://…]`
 *
 * A Friday-prompt fan-out through the strict sandbox: Lark's limits exactly (50/s and 1,000/min per
 * app, 5/s per user), 2 % of writes refused with 230020 anyway, the sending process SIGKILLed once
 * a third of the messages are out (a second one, started beside it, takes over), and a 5-minute
 * outage once half are out. Time runs `scale` times faster on both sides. Prints one `name: value`
 * line per figure; rates are in sandbox time, so they compare with Lark's per-minute limit directly.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/core/clock';
import { migrateToLatest, openStore } from '../src/db/connect';
import { outboxMessenger } from '../src/db/outbox.repository';
import { buildOrg, LarkSandbox } from '../src/sandbox';
import { scaledClock } from '../src/workers/clock';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const RECIPIENTS = Number(arg('recipients', '2000'));
const SCALE = Number(arg('scale', '10'));
// Issue 9: "a 5-minute outage in the middle"; the quick run's is a minute (3 s of its real time, not 15).
const OUTAGE_MS = Number(arg('outage-minutes', '5')) * 60_000;
const out = (name: string, value: number, digits = 0) => console.log(`${name}: ${value.toFixed(digits)}`);

/** The most timestamps that fall in any window of `ms` (sorted input). */
function maxInWindow(times: number[], ms: number): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi]! - times[lo]! >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

const APP_ID = 'cli_benchfanout0001';
const org = buildOrg({ units: [{ id: 'D1', name: '全市', staff: Array.from({ length: RECIPIENTS }, (_, i) => ({ name: `人员${i}` })) }] });
const [startMs, realStart] = [Date.now(), Date.now()];
const clock = scaledClock(SCALE, startMs, realStart);
const sandbox = new LarkSandbox({ appId: APP_ID, appSecret: 's', org, seed: 2026, now: clock.now, faults: { limitRate: 0.02 } });
const { url } = await sandbox.start(0);
const dbUrl = arg('db', `file:${join(mkdtempSync(join(tmpdir(), 'pingshi-fanout-')), 'bench.db')}`);
const store = openStore(dbUrl);
await migrateToLatest(store.db, store.schema);
/** A sending process, ready to start when told (so the second one is warm when the first is killed). */
async function sender() {
  const nodeArgs = process.env.BENCH_SENDER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(import.meta.dirname, '../bin/run-ts.mjs'), join(import.meta.dirname, 'fanout-sender.ts'), dbUrl, url, APP_ID, String(SCALE), String(startMs), String(realStart)], { stdio: ['pipe', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return { child, go: () => child.stdin!.write('go\n'), exited: once(child, 'exit') };
}
/** Resolves once the sandbox holds at least `n` messages. */
async function sentAtLeast(n: number): Promise<void> {
  while (sandbox.messages().length < n) await new Promise((r) => setTimeout(r, 20));
}
const messenger = outboxMessenger(store.db, systemClock);
for (const u of org.users) await messenger.send({ type: 'open_id', id: u.open_id }, { kind: 'text', text: '本周周记请于周五 18:00 前提交。' }, `weekly-prompt:bench:${u.open_id}`);

const [first, second] = await Promise.all([sender(), sender()]);
const started = clock.now();
first.go();
await sentAtLeast(Math.ceil(RECIPIENTS / 3));
first.child.kill('SIGKILL');
await first.exited;
second.go();
await sentAtLeast(Math.ceil(RECIPIENTS / 2));
const outageAt = clock.now();
sandbox.startOutage(OUTAGE_MS);
const [code] = await second.exited;
if (code !== 0) throw new Error(`the second sender exited with ${code}`);
const finished = clock.now();

const times = sandbox
  .messages()
  .map((m) => Number(m.create_time))
  .sort((a, b) => a - b);
const perRecipient = new Map<string, number>();
for (const m of sandbox.messages()) perRecipient.set(m.receive_id, (perRecipient.get(m.receive_id) ?? 0) + 1);
// Sending ends with the last message Lark receives; the sender noticing that nothing is left and
// exiting (140–270 ms, 3–5 s of sandbox time) is not sending.
const ended = times.at(-1) ?? finished;
const sendingMs = ended - started - Math.min(OUTAGE_MS, Math.max(0, ended - outageAt));
const left = await store.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute();

out('fanout_recipients', RECIPIENTS);
out('fanout_recipients_reached', perRecipient.size);
out('fanout_killed_after', Math.ceil(RECIPIENTS / 3));
out('fanout_duplicates', [...perRecipient.values()].reduce((n, c) => n + c - 1, 0));
out('fanout_not_sent', left.length);
out('fanout_refused_230020', sandbox.calls.filter((c) => c.code === 230020).length);
out('fanout_outage_failures', sandbox.calls.filter((c) => c.status === 503).length);
out('fanout_max_in_any_minute', maxInWindow(times, 60_000));
out('fanout_max_in_any_second', maxInWindow(times, 1000));
out('fanout_rate_per_min_while_sending', (times.length / sendingMs) * 60_000, 1);
out('fanout_sandbox_minutes_total', (finished - started) / 60_000, 2);
out('fanout_time_scale', SCALE);
// How soon sending resumed once Lark was back (the worker probes a down Lark with one call at a time).
const resumed = times.find((t) => t >= outageAt + OUTAGE_MS);
if (resumed !== undefined) out('fanout_resumed_after_outage_ms', resumed - (outageAt + OUTAGE_MS));

await sandbox.stop();
await store.close();
