import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);

describe('layering', () => {
  it('keeps src/core free of Koa, the Lark SDK, database drivers, HTTP and dispatch', () => {
    const banned = [/^koa/, /^@larksuiteoapi\//, /^better-sqlite3$/, /^pg$/, /\/http\//, /\/dispatch\//, /\/lark\//];
    const offenders = files('src/core').flatMap((f) => imports(f).filter((i) => banned.some((b) => b.test(i))).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('imports Koa only in src/http', () => {
    const all = ['src', 'commands', 'cards'].flatMap(files);
    const offenders = all.filter((f) => !f.startsWith('src/http/') && imports(f).some((i) => i === 'koa'));
    expect(offenders).toEqual([]);
  });

  it('keeps card builders pure (no database, clock or I/O imports)', () => {
    const builders = files('cards').filter((f) => !f.includes('/actions/'));
    const offenders = builders.flatMap((f) => imports(f).filter((i) => /\/db\/|node:|kysely|clock/.test(i)).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });
});
