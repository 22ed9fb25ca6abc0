import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { SandboxMessage } from '../../src/sandbox';
import { openIdForUserId } from '../../src/sandbox/org';
import { cardOf, cardsTitled, type Card } from '../helpers/cards';
import type { Harness } from '../helpers/harness';

/** 民主测评 on for 某市某局 (R0); 好差评 counted: 好评 +0.1, 差评 −1, within the monthly caps. */
export const PEER_RULES = {
  peers: { organs: ['R0'] },
  service_rating: { adjust: 'counts' as const, good_points: 0.1, bad_points: 1, windows: { 'CK-01': openIdForUserId('lin') } },
};

export const REVIEW_AT = '2026-07-01T10:00:00+08:00';

/** The latest 民主测评 card sent to `name`. */
export function peerCard(h: Harness, name: string): SandboxMessage {
  const hit = cardsTitled(h, name, '民主测评').at(-1);
  if (!hit) throw new Error(`${name} has no 民主测评 card`);
  return hit;
}

/** The form a rater submits: for each colleague named, the option chosen for every item. */
export function ratingForm(card: Card, ratings: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let current: string | null = null;
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.tag === 'markdown' && typeof o.content === 'string') {
      const m = /^\*\*(.+?)\*\* · /.exec(o.content);
      if (m) current = m[1]!;
    }
    if (o.tag === 'select_static' && typeof o.name === 'string' && current && ratings[current] !== undefined) out[o.name] = ratings[current]!;
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export const cardOfMsg = (m: SandboxMessage) => cardOf(m);

export async function runImport(h: Harness, name: string, header: string, lines: string[], skipBad = false) {
  const file = join(mkdtempSync(join(tmpdir(), 'pingshi-sr-')), `${name}.csv`);
  writeFileSync(file, [header, ...lines].join('\n') + '\n');
  const out = new PassThrough();
  const err = new PassThrough();
  const text = { out: '', err: '' };
  out.on('data', (c: Buffer) => (text.out += c.toString('utf8')));
  err.on('data', (c: Buffer) => (text.err += c.toString('utf8')));
  try {
    await h.app.importer(name)!.run(h.app.deps, file, { skipBad, actor: 'cli' }, { out, err });
    return { ...text, error: null as string | null };
  } catch (e) {
    return { ...text, error: (e as Error).message };
  }
}

export { exportCsv } from '../helpers/ledgers';
