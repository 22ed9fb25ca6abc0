import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// This folder: next to this module when it runs from the sources, under src/ when it runs from the
// compiled bundle (dist/pingshi.mjs, one level below the package root).
const dir = [new URL('.', import.meta.url), new URL('../src/sandbox/console/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .find((d) => existsSync(join(d, 'client', 'main.ts')));
const here = (path: string) => join(dir ?? fileURLToPath(new URL('.', import.meta.url)), path);

let script: Promise<string> | undefined;

/** The page's TypeScript, bundled once per process (esbuild, ~50 ms) and kept. */
export function consoleScript(): Promise<string> {
  script ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [here('./client/main.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2020',
        charset: 'utf8',
        logLevel: 'silent',
      }),
    )
    .then((r) => r.outputFiles[0]!.text)
    .catch((e: unknown) => {
      script = undefined;
      throw e;
    });
  return script;
}

export const consolePage = () => readFile(here('./page/console.html'), 'utf8');
export const consoleStyles = () => readFile(here('./page/console.css'), 'utf8');
