import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { main } from '../../src/cli/main';

export const BIN = resolve(__dirname, '../../bin/pingshi.mjs');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pingshi-${prefix}-`));
}

/** The environment a CLI run sees: no LARK_* variable of the developer's shell, scheduler off. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => !k.startsWith('LARK_') && v !== undefined)) as Record<string, string>;
  return { ...env, PINGSHI_SCHEDULER: 'off', LOG_LEVEL: 'warn', ...extra };
}

/** `pingshi ARGS` in this process, as a user would run it, with stdout and stderr captured. */
export async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (to: string[]) => ({ write: (s: string | Buffer) => to.push(String(s)) }) as unknown as NodeJS.WritableStream;
  const saved = process.env;
  process.env = cliEnv(env);
  try {
    const code = await main(args, { out: sink(out), err: sink(err) });
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.env = saved;
  }
}

/** The real `node bin/pingshi.mjs` in a child process. */
export function spawnCli(args: string[], env: Record<string, string>, nodeFlags: string[] = []) {
  const child = spawn(process.execPath, [...nodeFlags, BIN, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr })),
  );
  return { child, exited, stdout: () => stdout };
}

/** Rows of a SQLite database file, read the way an operator would check it. */
export function query<T>(dbFile: string, sql: string): T[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
