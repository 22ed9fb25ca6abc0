import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm start` with no LARK_* variable: what the person at the terminal reads. The banner owns stdout
 * (plain Chinese text with the console URL), and the JSON logs go to stderr, so neither is mixed into
 * the other.
 */
describe('sandbox start-up output', () => {
  it('prints a plain banner with the console URL on stdout and keeps the JSON logs on stderr', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LARK_')));
    const dir = mkdtempSync(join(tmpdir(), 'pingshi-start-'));
    const child = spawn(process.execPath, ['bin/pingshi.mjs', 'serve'], {
      cwd: process.cwd(),
      env: { ...env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, PINGSHI_SCHEDULER: 'on', LOG_LEVEL: 'info', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let logged = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    try {
      const end = Date.now() + 60_000;
      while (!out.includes('控制台：') && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      // Let the scheduler's start-up catch-up log what it does.
      await new Promise((r) => setTimeout(r, 1_000));
      logged = err;
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(out, err).toContain('沙箱模式');
    expect(out).toMatch(/控制台：http:\/\/127\.0\.0\.1:\d+/);
    const stdoutLines = out.split('\n').filter((l) => l.trim() !== '');
    expect(stdoutLines.filter((l) => l.trim().startsWith('{'))).toEqual([]);
    // What the process logged while running (its goodbye on SIGTERM is a plain line, as the banner is).
    const logLines = logged.split('\n').filter((l) => l.trim() !== '');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(() => JSON.parse(line), line).not.toThrow();
  }, 90_000);
});
