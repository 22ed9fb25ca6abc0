import { TextDecoder } from 'node:util';

let table: Map<string, Buffer> | null = null;

/**
 * Encodes text as GBK, the way Excel on Chinese Windows saves a CSV. Node only encodes UTF-8, so
 * the table is the platform's own GB18030 decoder run backwards over every two-byte code.
 */
export function encodeGbk(text: string): Buffer {
  table ??= buildTable();
  const parts: Buffer[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) parts.push(Buffer.from(ch, 'latin1'));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

function buildTable(): Map<string, Buffer> {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const map = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      try {
        const ch = decoder.decode(bytes);
        if (!map.has(ch)) map.set(ch, bytes);
      } catch {
        // not a character
      }
    }
  }
  return map;
}
