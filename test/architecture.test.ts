import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cardViolations,
  coreViolations,
  featureViolations,
  importCycles,
  importGraph,
  sourceFiles,
  suffixViolations,
} from './helpers/architecture';

const root = process.cwd();
const graph = importGraph(root);

describe('the layout of README “Where things live”', () => {
  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps src/core free of everything above it: no Koa, Lark SDK, driver, card, command, job or CLI', () => {
    expect(coreViolations(root, graph)).toEqual([]);
  });

  it('keeps card builders pure', () => {
    expect(cardViolations(root, graph)).toEqual([]);
  });

  it('gives every file suffix one meaning', () => {
    expect(suffixViolations(root, sourceFiles(root))).toEqual([]);
  });

  it('makes every folder under src/features one feature', () => {
    expect(featureViolations(root)).toEqual([]);
  });

  it('imports Koa only in src/http', () => {
    const offenders = sourceFiles(root).filter((f) => !f.startsWith('src/http/') && /from 'koa'/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps source files small: median ≤ 120 lines, none over 400', () => {
    const sizes = sourceFiles(root).map((f) => ({ f, n: readFileSync(join(root, f), 'utf8').split('\n').length }));
    const sorted = sizes.map((s) => s.n).sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(120);
    expect(sizes.filter((s) => s.n > 400)).toEqual([]);
  });
});

describe('the checks catch what they are for', () => {
  const planted = mkdtempSync(join(tmpdir(), 'pingshi-arch-'));
  afterAll(() => rmSync(planted, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(planted, path)), { recursive: true });
    writeFileSync(join(planted, path), text);
  };
  write('src/core/weekly/a.service.ts', "import { b } from './b';\nimport { card } from '../../../cards/x.card';\nexport const a = () => b() + card();\n");
  write('src/core/weekly/b.ts', "import { a } from './a.service';\nexport const b = () => a.length;\n");
  write('src/core/weekly/c.ts', "import Koa from 'koa';\nimport { job } from '../../jobs/helpers';\nexport const c = [Koa, job];\n");
  write('src/jobs/helpers.ts', "export const job = defineJob({ name: 'x' });\ndeclare function defineJob(x: unknown): unknown;\n");
  write('cards/x.card.ts', "import type { Clock } from '../src/core/clock';\nexport function card(): CardJson {\n  return {} as Clock & CardJson;\n}\n");
  write('src/features/weekly/index.ts', "export const weekly = { name: 'weekly' };\n");
  write('src/features/weekly/remind.command.ts', 'export default {};\n');
  const plantedGraph = importGraph(planted);

  it('finds a planted cycle', () => {
    expect(importCycles(plantedGraph)).toEqual([['src/core/weekly/a.service.ts', 'src/core/weekly/b.ts']]);
  });

  it('finds a core → cards import, a core → jobs import and a banned package', () => {
    expect(coreViolations(planted, plantedGraph)).toEqual([
      'src/core/weekly/a.service.ts → cards/x.card.ts',
      'src/core/weekly/c.ts → src/jobs/helpers.ts',
      'src/core/weekly/c.ts → koa',
    ]);
  });

  it('finds a card builder that reads the clock, a suffix that lies and a folder that is no feature', () => {
    expect(cardViolations(planted, plantedGraph)).toEqual(['cards/x.card.ts → ../src/core/clock']);
    expect(suffixViolations(planted, sourceFiles(planted))).toEqual([
      'src/features/weekly/remind.command.ts: a .command.ts file that defines none',
      'src/jobs/helpers.ts: defines what belongs in a .job.ts file',
    ]);
    expect(featureViolations(planted)).toEqual(["src/features/weekly: no index.ts exporting defineFeature({ name: 'weekly', … })"]);
  });
});
