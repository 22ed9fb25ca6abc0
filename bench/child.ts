import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/**
 * Runs `node <args>` from the project root, `input` (if given) on its stdin, and resolves with its
 * stdout once it exits with 0.
 */
export function outputOf(args: readonly string[], input?: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'] });
    child.stdin?.end(input);
    let text = '';
    child.stdout!.on('data', (d) => (text += String(d)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`node ${args.join(' ')} exited with ${code}\n${text}`))));
  });
}

/** Node's flags in package.json's `start` script (`node <flags> bin/pingshi.mjs serve`). */
export function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const m = /^node((?: --\S+)*) bin\/pingshi\.mjs serve$/.exec(start);
  if (!m) throw new Error(`package.json's start script is not "node [flags] bin/pingshi.mjs serve": ${start}`);
  return m[1]!.split(' ').filter(Boolean);
}
