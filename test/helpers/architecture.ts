import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layout rules of README "Where things live", checked over the source tree's imports. Pure
 * functions of a directory, so the architecture test can also run them on planted trees.
 */

export type ImportGraph = Map<string, string[]>;

const SOURCE_DIRS = ['src', 'commands', 'cards'];
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

export function sourceFiles(root: string, dirs = SOURCE_DIRS): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return walk(p);
      return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
    });
  return dirs.filter((d) => existsSync(join(root, d))).flatMap((d) => walk(join(root, d))).map((p) => relative(root, p));
}

/** Every import specifier of a file, relative ones and packages alike. */
export function specifiersOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function resolveRelative(root: string, from: string, spec: string): string | null {
  const base = resolve(root, dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate);
  }
  return null;
}

/** file → the project files it imports (type-only imports included: a cycle of types is still a tangle). */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const specs = specifiersOf(readFileSync(join(root, file), 'utf8')).filter((s) => s.startsWith('.'));
    graph.set(file, [...new Set(specs.map((s) => resolveRelative(root, file, s)).filter((x): x is string => x !== null))]);
  }
  return graph;
}

/** The strongly connected components with more than one file (Tarjan), each a cycle to break. */
export function importCycles(graph: ImportGraph): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

/** What src/core may import: itself, the table types, and packages that are not transport or drivers. */
const CORE_MAY_IMPORT = [/^src\/core\//, /^src\/db\/schema\.ts$/];
const BANNED_PACKAGES = [/^koa/, /^@larksuiteoapi\//, /^better-sqlite3$/, /^pg$/, /^node:(http|https|net)$/, /^node-cron$/, /^exceljs$/, /^pino$/];

export function coreViolations(root: string, graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith('src/core/')) continue;
    for (const t of targets) if (!CORE_MAY_IMPORT.some((r) => r.test(t))) out.push(`${file} → ${t}`);
    for (const spec of specifiersOf(readFileSync(join(root, file), 'utf8'))) {
      if (!spec.startsWith('.') && BANNED_PACKAGES.some((r) => r.test(spec))) out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

/** Card builders are pure: no database, clock, I/O, handler, service or repository. */
export function cardViolations(root: string, graph: ImportGraph): string[] {
  const out: string[] = [];
  const isBuilder = (f: string) => f.endsWith('.card.ts') || f === 'cards/components.ts';
  for (const [file, targets] of graph) {
    if (!isBuilder(file)) continue;
    for (const t of targets) if (/\.(action|service|repository|job)\.ts$|^src\/db\//.test(t)) out.push(`${file} → ${t}`);
    for (const spec of specifiersOf(readFileSync(join(root, file), 'utf8'))) {
      if (/^node:|^kysely$/.test(spec) || /clock/.test(spec)) out.push(`${file} → ${spec}`);
    }
  }
  return out;
}

/** A suffix says what a file holds; each definer is called only in files with its suffix. */
const SUFFIXES: Array<{ suffix: string; definer: RegExp; where?: RegExp }> = [
  { suffix: '.command.ts', definer: /\bdefineCommand\(/ },
  { suffix: '.action.ts', definer: /\.handle\(\s*(async\s*)?\(ctx\b/ },
  { suffix: '.job.ts', definer: /\bdefineJob\(/ },
  { suffix: '.ledger.ts', definer: /\bdefineLedger\(/ },
  { suffix: '.importer.ts', definer: /\bdefineImporter\(/ },
];
const KIT_FILES = new Set(['commands/define-command.ts', 'cards/define-action.ts', 'src/jobs/define-job.ts', 'src/exports/ledger.ts', 'src/cli/define-importer.ts']);

export function suffixViolations(root: string, files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    if (KIT_FILES.has(file)) continue;
    const text = readFileSync(join(root, file), 'utf8');
    for (const { suffix, definer } of SUFFIXES) {
      if (file.endsWith(suffix) && !definer.test(text)) out.push(`${file}: a ${suffix} file that defines none`);
      if (!file.endsWith(suffix) && definer.test(text)) out.push(`${file}: defines what belongs in a ${suffix} file`);
    }
    if (/\.(service|repository)\.ts$/.test(file) && !file.startsWith('src/core/') && !file.startsWith('src/db/')) {
      out.push(`${file}: services and repositories live in src/core (repositories of the spine in src/db)`);
    }
    if (file.endsWith('.card.ts') && !/export function \w+\([^)]*\): CardJson/.test(text)) out.push(`${file}: a .card.ts file that builds no card`);
  }
  return out;
}

/** Every folder under src/features is one feature, exported from its index.ts by defineFeature. */
export function featureViolations(root: string): string[] {
  const dir = join(root, 'src/features');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .filter((name) => {
      const index = join(dir, name, 'index.ts');
      return !existsSync(index) || !/\bdefineFeature\(\{\s*name: '([\w-]+)'/.test(readFileSync(index, 'utf8')) || !readFileSync(index, 'utf8').includes(`name: '${name}'`);
    })
    .map((name) => `src/features/${name}: no index.ts exporting defineFeature({ name: '${name}', … })`);
}
