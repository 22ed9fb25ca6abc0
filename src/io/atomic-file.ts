import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { invalidInput } from '../core/errors';

/**
 * Writes a file so that readers only ever see the old content or the whole new content: the data
 * goes to a temporary file beside the target, is flushed to disk, and is renamed over the target.
 * A crash or kill mid-write leaves the previous file as it was (and a stray `.tmp` beside it).
 */
export async function writeFileAtomically<T>(path: string, write: (out: NodeJS.WritableStream) => Promise<T>): Promise<T> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const out = createWriteStream(temp, { flags: 'wx' });
  try {
    await once(out, 'open').catch((e: NodeJS.ErrnoException) => {
      throw invalidInput(`无法写入 ${path}（${e.code ?? e.message}）：请确认目录存在且有写权限。`);
    });
    const result = await write(out);
    out.end();
    await finished(out);
    await flushToDisk(temp);
    await rename(temp, path);
    return result;
  } catch (e) {
    out.destroy();
    await rm(temp, { force: true });
    throw e;
  }
}

/** Without this a power cut soon after the rename could leave an empty file under the old name. */
async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
