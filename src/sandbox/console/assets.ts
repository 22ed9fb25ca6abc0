import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
