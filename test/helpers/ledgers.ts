import { PassThrough } from 'node:stream';
import type { Harness } from './harness';

/** `pingshi export WHAT --period KEY` against the harness's app, as CSV rows keyed by the header. */
export async function exportCsv(h: Harness, what: string, period: string): Promise<{ header: string; rows: Array<Record<string, string>> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  // Loaded late: src/cli/export pulls the feature registry in before the app when imported first.
  const { exportLedger } = await import('../../src/cli/export');
  await exportLedger(h.app, what, { period }, { out, err: new PassThrough() });
  const [header, ...lines] = Buffer.concat(chunks).toString('utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  return { header: header!, rows: lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v]))) };
}
