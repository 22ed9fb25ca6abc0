/**
 * One sending process of bench/fanout.ts: the outbox worker on the bench's database and sandbox,
 * on the same scaled clock (the parent's start instants), started when a line arrives on stdin and
 * exiting once everything is sent. The parent SIGKILLs the first one part-way.
 */
import { once } from 'node:events';
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
worker.start();
await worker.drain(30 * 60_000);
await worker.stop();
await store.close();
process.exit(0);
