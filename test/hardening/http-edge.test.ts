import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptLarkPayload, larkSignature } from '../../src/lark/crypto';
import { envelope } from '../../src/sandbox';
import { Harness } from '../helpers/harness';
import { spawnCli, tempDir } from './cli';

/** Sends raw bytes on a fresh connection and resolves with everything the server answered before closing it. */
function exchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let reply = '';
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('close', () => resolve(reply));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
  });
}

function refused(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.on('connect', () => (socket.destroy(), resolve('connected')));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

describe('the webhook, given a body nested 100,000 levels deep', () => {
  let h: Harness;
  beforeAll(async () => (h = await Harness.start()));
  afterAll(async () => h.close());

  it('answers 400 and stores nothing, signed and encrypted or not', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const event = envelope({ appId: h.app.config.appId, tenantKey: 't', token: h.app.config.verificationToken, at: new Date() }, 'im.message.receive_v1', { deep: 0 });
    const plain = JSON.stringify(event).replace('"deep":0', `"deep":${deep}`);
    const sign = (raw: Buffer) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return { 'content-type': 'application/json', 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': 'n1', 'x-lark-signature': larkSignature(timestamp, 'n1', h.app.config.encryptKey, raw) };
    };
    const encrypted = Buffer.from(JSON.stringify({ encrypt: encryptLarkPayload(plain, h.app.config.encryptKey) }));
    const clear = Buffer.from(plain);
    for (const raw of [encrypted, clear]) {
      const res = await fetch(`${h.url}/lark/events`, { method: 'POST', body: raw, headers: sign(raw) });
      expect(res.status).toBe(400);
    }
    expect(await h.db.selectFrom('inbox').selectAll().where('event_id', '=', event.header.event_id).execute()).toEqual([]);
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ ok: true });
  });
});

describe('the bot started in sandbox mode with a 300 ms body timeout', () => {
  let server: ReturnType<typeof spawnCli>;
  let port: number;
  let consolePort: number;
  beforeAll(async () => {
    const dir = tempDir('edge');
    server = spawnCli(['serve'], { DATABASE_URL: `file:${join(dir, 'pingshi.db')}`, PORT: '0', PINGSHI_BODY_TIMEOUT_MS: '300', LOG_LEVEL: 'info' });
    const banner = await new Promise<string>((resolve, reject) => {
      server.child.stdout!.on('data', () => /控制台：\S+/.test(server.stdout()) && resolve(server.stdout()));
      server.child.on('exit', () => reject(new Error(`serve exited: ${server.stdout()}`)));
    });
    port = Number(/机器人：http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]);
    consolePort = Number(/控制台：http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]);
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('cuts off bodies that stop arriving, 20 at once, with 408 and a closed connection', async () => {
    const head = 'POST /lark/events HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"encrypt":"';
    const replies = await Promise.all(Array.from({ length: 20 }, () => exchange(port, head)));
    for (const reply of replies) expect(reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('listens on 127.0.0.1 only, for the bot and the sandbox console', async () => {
    expect(await refused('127.0.0.1', port)).toBe('connected');
    const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return; // no other interface on this machine to try
    expect(await refused(external.address, port)).toBe('ECONNREFUSED');
    expect(await refused(external.address, consolePort)).toBe('ECONNREFUSED');
  });

  it('logs a flood of malformed requests in short lines', async () => {
    const garbage = [
      `POST /lark/events HTTP/1.1\r\nHost: bot\r\nTransfer-Encoding: chunked\r\n\r\n${'zz'.repeat(150_000)}`,
      `POST /lark/events HTTP/1.1\r\nHost: bot\r\nContent-Length: 2\r\n\r\n{}${'GARBAGE '.repeat(32_000)}`,
      `POST /lark/events HTTP/1.1\r\n${'\u0000'.repeat(200_000)}`,
      `\u0016\u0003\u0001${'\u00ff'.repeat(100_000)}`,
    ];
    for (let i = 0; i < 3; i++) for (const g of garbage) expect(await exchange(port, Buffer.from(g, 'latin1'))).toMatch(/^HTTP\/1\.1 4\d\d |^$/);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ ok: true });

    // Read once the server has exited, so every line it wrote is here.
    server.child.kill('SIGTERM');
    // Sandbox mode: the banner owns stdout, the JSON logs are on stderr.
    const { stderr: logs } = await server.exited;
    const errorLines = logs.split('\n').filter((l) => /"msg":"(malformed request|http error)"/.test(l));
    expect(errorLines.length).toBeGreaterThan(0);
    for (const line of errorLines) expect(line.length).toBeLessThan(1024);
    expect(errorLines.join('\n').length).toBeLessThan(24 * 1024);
    expect(logs).toContain('HPE_INVALID_CHUNK_SIZE');
    if (process.env.SHOW_LOG) console.log(errorLines.join('\n'));
  });
});
