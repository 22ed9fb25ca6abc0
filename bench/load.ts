/**
 * HTTP load on a bot process: signed, encrypted Lark envelopes fired with autocannon at the bot
 * started as `npm start` runs it (the compiled bundle, in its own process), and at the SDK no-op.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { freePort } from '../src/io/free-port';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { encryptLarkPayload, larkSignature } from '../src/lark/crypto';
import { cardActionEvent, p2pChatIdFor, textMessageEvent, type LarkSandbox } from '../src/sandbox';
import { outputOf, ROOT, startFlags } from './child';

export const APP_ID = 'cli_bench000000001';
export const ENCRYPT_KEY = 'bench-encrypt-key';
export const TOKEN = 'bench-verification-token';
const TENANT = 'bench-tenant';

export interface Signed {
  body: string;
  headers: Record<string, string>;
}

/** One request as Lark sends it: the envelope encrypted, the raw body signed. */
export function sign(envelope: unknown): Signed {
  const body = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(envelope), ENCRYPT_KEY) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': larkSignature(timestamp, nonce, ENCRYPT_KEY, Buffer.from(body)),
    },
  };
}

/** `count` distinct text messages (`text` each, from the given people), registered with the sandbox so replies land. */
export function textEvents(count: number, openIds: readonly string[], text: string, sandbox?: LarkSandbox): Signed[] {
  const out: Signed[] = [];
  for (let i = 0; i < count; i++) {
    const openId = openIds[i % openIds.length]!;
    const messageId = `om_${randomBytes(16).toString('hex')}`;
    const chatId = p2pChatIdFor(APP_ID, openId);
    sandbox?.recordInbound({ message_id: messageId, chat_id: chatId, chat_type: 'p2p', open_id: openId });
    const env = textMessageEvent(
      { appId: APP_ID, tenantKey: TENANT, token: TOKEN, at: new Date() },
      { sender: { open_id: openId, user_id: openId.slice(3), union_id: `on_${openId.slice(3)}` }, text, messageId, chatId, chatType: 'p2p' },
    );
    out.push(sign(env));
  }
  return out;
}

/** 提交评鉴 on each pending monthly review, clicked by its supervisor. */
export function gradeClicks(pending: ReadonlyArray<{ id: string; openId: string; reviewer: string }>): Signed[] {
  return pending.map((p, i) =>
    sign(
      cardActionEvent(
        { appId: APP_ID, tenantKey: TENANT, token: TOKEN, at: new Date() },
        {
          operator: { open_id: p.reviewer, user_id: p.reviewer.slice(3), union_id: `on_${p.reviewer.slice(3)}` },
          messageId: `om_card${i}`,
          chatId: p2pChatIdFor(APP_ID, p.reviewer),
          value: { a: 'monthly.submit', id: p.id, rev: 0 },
          formValue: { work: String(60 + (i % 30)), conduct: '20', bonuses: '', deductions: '', tier: 'auto', override_reason: '', comment: '' },
          name: 'submit',
        },
      ),
    ),
  );
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  seconds: number;
}

/** Bursts taken together: their requests over their time; each percentile the highest of theirs (they cannot be merged). */
export function overall(parts: readonly LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => parts.reduce((t, r) => t + f(r), 0);
  const ok = sum((r) => r.ok);
  const seconds = sum((r) => r.seconds);
  return { perSecond: ok / seconds, p50: Math.max(...parts.map((r) => r.p50)), p99: Math.max(...parts.map((r) => r.p99)), ok, failed: sum((r) => r.failed), seconds };
}

/**
 * Fires the requests in order, each once, as fast as 32 connections go. The time runs from the
 * start to the last response: autocannon's own duration counts whole ticks of a second, and it
 * notices the last response only at the next tick.
 */
export async function fire(url: string, requests: readonly Signed[], o: { connections?: number } = {}): Promise<LoadResult> {
  let next = 0;
  let last = 0;
  const started = performance.now();
  const result = await new Promise<any>((resolve, reject) => {
    const run = autocannon(
      {
        url,
        method: 'POST',
        // autocannon refuses more connections than requests.
        connections: Math.min(o.connections ?? 32, requests.length),
        amount: requests.length,
        timeout: 30,
        requests: [
          {
            setupRequest: (req: any) => {
              const r = requests[next++]!;
              return { ...req, method: 'POST', body: r.body, headers: r.headers };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    run.on('response', () => (last = performance.now()));
  });
  const seconds = (last - started) / 1000;
  const ok = result['2xx'];
  return { perSecond: ok / seconds, p50: result.latency.p50, p99: result.latency.p99, ok, failed: result.non2xx + result.errors + result.timeouts, seconds };
}

/**
 * Sends the requests at a steady `rate` per second, one every 1/rate s whatever the answers do
 * (an open load, as Lark delivers), and times each from when it was due, so a request that had to
 * wait for a free socket or a late timer counts its wait. autocannon's `overallRate` is not that:
 * each connection sends its share of a second back to back when the second starts, so "100/s"
 * arrived as 32-way bursts in the first ~80 ms of every second and the p99 was a burst's.
 */
export async function firePaced(url: string, requests: readonly Signed[], rate: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  const send = (r: Signed, due: number) =>
    new Promise<void>((resolve) => {
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== undefined && res.statusCode < 300) latencies.push(performance.now() - due);
          else failed++;
          resolve();
        });
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.setTimeout(30_000, () => req.destroy());
      req.end(r.body);
    });
  const started = performance.now() + 20;
  const dueAt = (i: number) => started + (i * 1000) / rate;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < requests.length; ) {
    const now = performance.now();
    for (; i < requests.length && dueAt(i) <= now; i++) pending.push(send(requests[i]!, dueAt(i)));
    if (i < requests.length) await new Promise((r) => setTimeout(r, Math.max(0, dueAt(i) - performance.now())));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN);
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), ok: latencies.length, failed, seconds };
}

/**
 * `firePaced` from a process of its own (bench/paced.ts), so nothing else on the bench's event loop
 * delays a request's send; with the disk's longest flush while it ran.
 */
export async function firePacedApart(url: string, requests: readonly Signed[], rate: number): Promise<LoadResult & { diskFlushMaxMs: number }> {
  const output = await outputOf([join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/paced.ts')], JSON.stringify({ url, rate, requests }));
  return JSON.parse(output) as LoadResult & { diskFlushMaxMs: number };
}

export interface Proc {
  child: ChildProcess;
  url: string;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb: () => number;
  rssMb: () => number;
  stop: () => Promise<void>;
}

function procOf(child: ChildProcess, url: string): Proc {
  const status = (key: string) => {
    try {
      const m = new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  };
  return {
    child,
    url,
    peakRssMb: () => status('VmHWM'),
    rssMb: () => status('VmRSS'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, stream: 'stdout' | 'stderr' = 'stdout'): Promise<RegExpExecArray> {
  const from = child[stream]!;
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += String(d);
      const m = pattern.exec(seen);
      if (m) {
        from.off('data', onData);
        resolve(m);
      }
    };
    from.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`)));
  });
}

/** The bot as `npm start` runs it, in its own process; resolves once it listens, with how long that took. */
export async function startBot(databaseUrl: string, larkBaseUrl: string): Promise<Proc & { startMs: number }> {
  const port = await freePort();
  const started = performance.now();
  // Profiling the bot: BENCH_BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench
  const nodeArgs = [...startFlags(), ...(process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin/pingshi.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: 'bench-secret',
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: TOKEN,
      LARK_BASE_URL: larkBaseUrl,
      DATABASE_URL: databaseUrl,
      PINGSHI_SCHEDULER: 'off',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  // A real deployment writes JSON logs to stdout and its start line (and little else) to stderr.
  child.stderr!.pipe(process.stderr);
  await waitForLine(child, /已启动/, 'the bot', 'stderr');
  return { ...procOf(child, `http://127.0.0.1:${port}/lark/events`), startMs: performance.now() - started };
}

/** The SDK's EventDispatcher + adaptKoa doing nothing, in its own process. */
export async function startSdkNoop(): Promise<Proc> {
  // Profiling the baseline as the bot is profiled: BENCH_NOOP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/noop-prof"
  const child = spawn(process.execPath, [...(process.env.BENCH_NOOP_NODE_ARGS?.split(' ').filter(Boolean) ?? []), join(ROOT, 'bench/sdk-noop.mjs')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const m = await waitForLine(child, /port (\d+)/, 'the SDK no-op');
  return procOf(child, `http://127.0.0.1:${m[1]}/lark/events`);
}
