#!/usr/bin/env node
// The `pingshi` CLI. It runs the compiled bundle (dist/pingshi.mjs, built by `npm install` or here
// when a source changed since), which starts faster and uses less memory than compiling TypeScript
// at start; if the bundle cannot be built (read-only checkout), the sources run through tsx.
import { build, BUNDLE, bundleIsFresh } from './build.mjs';
import { pathToFileURL } from 'node:url';

let entry;
try {
  if (!bundleIsFresh()) await build();
  entry = await import(pathToFileURL(BUNDLE).href);
} catch (e) {
  if (process.env.PINGSHI_DEBUG_BUILD) console.error(e);
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import('../src/cli/main.ts');
}
process.exitCode = await entry.main(process.argv.slice(2));
