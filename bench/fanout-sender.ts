/**
 * One sending process of bench/fanout.ts: the outbox worker on the bench's database and sandbox,
 * on the same scaled clock (the parent's start instants), started when a line arrives on stdin and
 * exiting once everything is sent. The parent SIGKILLs the first one part-way.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { openStore } from '../src/db/connect';
import { LarkApi } from '../src/lark/lark-api';
import { OutboxWorker } from '../src/lark/outbox-worker';
import { outboxDepth } from '../src/db/outbox.repository';
import { scaledClock } from '../src/workers/clock';

const [db, lark, appId, scale, startMs, realStart] = process.argv.slice(2);
const store = openStore(db!);
const clock = scaledClock(Number(scale), Number(startMs), Number(realStart));
const api = new LarkApi({ appId: appId!, appSecret: 's', baseUrl: lark! });
const worker = new OutboxWorker({ db: store.db, api, log: pino({ level: 'silent' }), clock, pollMs: 50 });
// Up as a bot is when a fan-out starts: its connections open and its tenant token fetched (the
// bot asks for its own open id at start). Cold, the first calls went out 370–440 ms after the
// start, which the bench's 20× clock turns into 7–9 s of a sending minute.
await Promise.all(Array.from({ length: 10 }, () => outboxDepth(store.db)));
await api.botOpenId();
process.stdout.write('ready\n');
await once(process.stdin, 'data');
// The worker's own loop, as a bot runs it (drain() would add a loop of its own beside it); the
// outbox is looked at twice a second (a count on 28,000 rows, 50 times a second, loaded PostgreSQL).
worker.start();
while ((await outboxDepth(store.db)) > 0) await sleep(500);
await worker.stop();
await store.close();
process.exit(0);
