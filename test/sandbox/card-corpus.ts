import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every card in the repository's snapshot files (test/<feature>/__snapshots__), so the console's
 * renderer is tried on each card our builders make, including builders added after it was written.
 */
export function snapshotCards(root = join(process.cwd(), 'test')): Array<{ name: string; card: Record<string, unknown> }> {
  const out: Array<{ name: string; card: Record<string, unknown> }> = [];
  for (const file of snapFiles(root)) {
    const entries: Record<string, string> = {};
    // A .snap file is a script of `exports[name] = \`…\``; run it to get the printed values.
    new Function('exports', readFileSync(file, 'utf8'))(entries);
    for (const [name, printed] of Object.entries(entries)) {
      if (!printed.includes('"schema": "2.0"')) continue;
      const value = parsePrinted(printed.trim());
      if (isCard(value)) out.push({ name, card: value });
    }
  }
  return out;
}

function snapFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return snapFiles(p);
    return p.endsWith('.snap') ? [p] : [];
  });
}

const isCard = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && (v as { schema?: unknown }).schema === '2.0';

/**
 * pretty-format's output as JSON: it leaves trailing commas, raw line breaks and unescaped
 * backslashes and quotes in strings. A quote ends a string only where JSON could go on after it.
 */
export function parsePrinted(text: string): unknown {
  let json = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!inString) {
      if (c === ',' && /^\s*[}\]]/.test(text.slice(i + 1, i + 200))) continue;
      if (c === '"') inString = true;
      json += c;
      continue;
    }
    if (c === '"' && /^\s*([:,}\]]|$)/.test(text.slice(i + 1, i + 20))) {
      inString = false;
      json += c;
    } else json += c === '"' ? '\\"' : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : c;
  }
  return JSON.parse(json);
}
