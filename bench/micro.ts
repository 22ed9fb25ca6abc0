/**
 * Micro-timings of the hot functions (verify+decrypt, outbox enqueue, CSV read), each against a
 * baseline measured in the same run. Part of `npm run bench` (bench/index.ts).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { systemClock } from '../src/core/clock';
import { migrateToLatest, openStore } from '../src/db/connect';
import { newId } from '../src/core/ids';
import { outboxMessenger } from '../src/db/outbox.repository';
import { verifyLarkRequest } from '../src/http/verify-request';
import { decryptLarkPayload, encryptLarkPayload, larkSignature } from '../src/lark/crypto';
import { readTableFromString } from '../src/io/table-file';

function time(fn: () => void, n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - start) / n;
}

async function timeAsync(fn: (i: number) => Promise<void>, n: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - start) / n;
}

const out = (name: string, value: number, digits = 3) => console.log(`${name}: ${value.toFixed(digits)}`);

async function webhook() {
  const key = 'bench-key';
  const event = { schema: '2.0', header: { event_id: randomBytes(16).toString('hex'), token: 't', event_type: 'im.message.receive_v1' }, event: { message: { content: JSON.stringify({ text: '周记 '.repeat(50) }) } } };
  const plain = JSON.stringify(event);
  const raw = Buffer.from(JSON.stringify({ encrypt: encryptLarkPayload(plain, key) }));
  const ts = String(Math.floor(Date.now() / 1000));
  const sig = larkSignature(ts, 'n', key, raw);
  const n = 20_000;
  const baseline = time(() => JSON.parse(raw.toString('utf8')), n);
  const full = time(() => {
    verifyLarkRequest({ rawBody: raw, timestamp: ts, nonce: 'n', signature: sig, encryptKey: key, nowMs: Date.now(), windowSeconds: 28800 });
    JSON.parse(decryptLarkPayload(JSON.parse(raw.toString('utf8')).encrypt, key));
  }, n);
  out('webhook_verify_decrypt_us', full * 1000);
  out('webhook_verify_decrypt_vs_json_parse_ratio', full / baseline, 1);
}

async function outbox() {
  const store = openStore('file::memory:');
  await migrateToLatest(store.db);
  const messenger = outboxMessenger(store.db, systemClock);
  const n = 5000;
  const baseline = await timeAsync(async (i) => {
    await store.db.insertInto('audit_log').values({ id: newId('b'), at: '', actor: 'b', action: 'b', entity_type: 'b', entity_id: String(i), before: null, after: null, reason: null }).execute();
  }, n);
  const enqueue = await timeAsync((i) => messenger.send({ type: 'open_id', id: `ou_${i}` }, { kind: 'text', text: '请提交本周周记' }, `bench:${i}`), n);
  out('outbox_enqueue_us', enqueue * 1000);
  out('outbox_enqueue_vs_plain_insert_ratio', enqueue / baseline, 2);
  await store.close();
}

async function importParse() {
  const header = 'open_id,date,title,kind,hours,required';
  const lines = Array.from({ length: 50_000 }, (_, i) => `ou_${i % 5000},2026-03-${String((i % 28) + 1).padStart(2, '0')},"专题培训 第${i}期",online,1.5,${i % 2}`);
  const csv = `${header}\n${lines.join('\n')}\n`;
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const { rows } = await readTableFromString(csv, { columns: header.split(',') });
  const parse = performance.now() - start;
  const splitStart = performance.now();
  for await (const _ of Readable.from(csv.split('\n'))) void _;
  const split = performance.now() - splitStart;
  out('import_50k_rows_read_ms', parse, 0);
  out('import_read_vs_line_split_ratio', parse / split, 1);
  out('import_50k_rows_rss_growth_mb', (process.memoryUsage().rss - before) / 1024 / 1024, 1);
  if (rows.length !== 50_000) throw new Error('bench read the wrong number of rows');
}

export async function microBenchmarks(): Promise<void> {
  await webhook();
  await outbox();
  await importParse();
}
