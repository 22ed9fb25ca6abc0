import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { Transform } from 'node:stream';
import { invalidInput } from '../core/errors';

/**
 * Excel on Chinese Windows saves "CSV" as GBK/GB18030, and a lenient UTF-8 read turns every name
 * into U+FFFD with exit 0. So a CSV is read as UTF-8 only if all of it is valid UTF-8, else as
 * GB18030 only if all of it is valid GB18030 (GBK is a subset), else it is refused.
 */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export const SAVE_AS_UTF8 = '请另存为 UTF-8 编码后重新导入（Excel：“另存为”→“CSV UTF-8（逗号分隔）”；记事本：“另存为”→编码选 UTF-8）。';

const utf16Bom = (head: Buffer): TextEncoding | null =>
  head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : null;

function fatalDecoder(encoding: TextEncoding): TextDecoder | null {
  try {
    return new TextDecoder(encoding, { fatal: true });
  } catch {
    // A Node built without full ICU has no GB18030 decoder: such files are refused, never guessed.
    return null;
  }
}

/**
 * One streaming pass over the file, validating every candidate at once; memory stays flat however
 * large the file is. Throws a message that says how to re-save the file when nothing fits.
 */
export async function detectEncoding(path: string): Promise<TextEncoding> {
  let candidates: Array<{ encoding: TextEncoding; decoder: TextDecoder }> | null = null;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (!candidates) {
      const bom = utf16Bom(chunk);
      candidates = (bom ? [bom] : (['utf-8', 'gb18030'] as const))
        .map((encoding) => ({ encoding, decoder: fatalDecoder(encoding) }))
        .filter((c): c is { encoding: TextEncoding; decoder: TextDecoder } => c.decoder !== null);
    }
    candidates = candidates.filter((c) => decodes(c.decoder, chunk, true));
    if (candidates.length === 0) break;
  }
  if (!candidates) return 'utf-8'; // empty file: the reader reports it as empty
  const found = candidates.find((c) => decodes(c.decoder, undefined, false));
  if (!found) throw invalidInput(`${path} 既不是 UTF-8 也不是 GB18030（GBK）编码，其中的中文无法识别，未导入任何数据。${SAVE_AS_UTF8}`);
  return found.encoding;
}

function decodes(decoder: TextDecoder, chunk: Buffer | undefined, more: boolean): boolean {
  try {
    decoder.decode(chunk, { stream: more });
    return true;
  } catch {
    return false;
  }
}

/** Re-encodes a validated non-UTF-8 stream as UTF-8 for the CSV parser; null when no work is needed. */
export function toUtf8(encoding: TextEncoding): Transform | null {
  if (encoding === 'utf-8') return null;
  const decoder = new TextDecoder(encoding, { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      try {
        callback(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
      } catch (e) {
        callback(e as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, Buffer.from(decoder.decode(), 'utf8'));
      } catch (e) {
        callback(e as Error);
      }
    },
  });
}
