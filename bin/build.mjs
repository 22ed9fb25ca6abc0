#!/usr/bin/env node
// Compiles the TypeScript sources into one ES module, dist/pingshi.mjs, so the bot starts from
// JavaScript (no TypeScript compiler in memory). `npm install` runs it (the `prepare` script), and
// bin/pingshi.mjs runs it again when a source is newer than the bundle. Packages stay external.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'dist', 'pingshi.mjs');
const SOURCE_DIRS = ['src', 'cards', 'commands'];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/pingshi.mjs exists and no source (nor package.json) changed after it was built. */
export function bundleIsFresh() {
  let built;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return false;
  }
  const sources = Math.max(statSync(join(ROOT, 'package.json')).mtimeMs, ...SOURCE_DIRS.map((d) => newestMtime(join(ROOT, d))));
  return sources <= built;
}

/** A package's JSON file is bundled: Node 20 would need an import attribute to load it from the bundle. */
const bundleJson = {
  name: 'bundle-json',
  setup(b) {
    const require = createRequire(join(ROOT, 'package.json'));
    b.onResolve({ filter: /\.json$/ }, (args) => (args.path.startsWith('.') ? undefined : { path: require.resolve(args.path) }));
  },
};

/** Builds into a temporary file and renames it into place, so processes starting at once never see half a bundle. */
export async function build() {
  const esbuild = await import('esbuild');
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [bundleJson],
  });
  renameSync(`${tmp}.map`, `${BUNDLE}.map`);
  renameSync(tmp, BUNDLE);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const start = performance.now();
  await build();
  console.log(`built ${BUNDLE.slice(ROOT.length + 1)} in ${Math.round(performance.now() - start)} ms`);
}
