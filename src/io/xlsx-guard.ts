import { createReadStream } from 'node:fs';
import unzipper, { type Entry } from 'unzipper';
import { invalidInput } from '../core/errors';

/** What an XLSX may expand to. A real 50,000-row sheet is well under this; a zip bomb is not. */
export const MAX_XLSX_EXPANDED_BYTES = 50 * 1024 * 1024;

export const xlsxTooLarge = (limit: number) =>
  invalidInput(
    `XLSX 文件解压后超过 ${Math.round(limit / 1024 / 1024)} MB（文件可能已损坏或被构造为“压缩炸弹”），未导入任何数据。` +
      '请删除多余的工作表和格式后另存，或拆分为多个文件，或另存为 CSV UTF-8 后导入。',
  );

/**
 * exceljs caches shared strings in memory as it unzips, so a small file that inflates to 1 GiB
 * would be read nearly whole before failing. This pass inflates every entry with the same unzip
 * parser exceljs uses, counting bytes and keeping none, and stops at the limit.
 * A file that is not a zip is left to the reader, which reports it in its own words.
 */
export async function checkXlsxExpansion(path: string, limit = MAX_XLSX_EXPANDED_BYTES): Promise<void> {
  const file = createReadStream(path);
  const zip = unzipper.Parse();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      // The parser closes once the last entry is handed over, possibly before it is inflated.
      let open = 0;
      let parsed = false;
      const settle = () => parsed && open === 0 && resolve();
      zip.on('entry', (entry: Entry) => {
        open++;
        entry.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) reject(xlsxTooLarge(limit));
        });
        entry.once('end', () => (open--, settle()));
        entry.once('error', () => resolve());
      });
      zip.on('close', () => ((parsed = true), settle()));
      zip.on('error', () => resolve());
      file.on('error', reject);
      file.pipe(zip);
    });
  } finally {
    file.unpipe(zip);
    file.destroy();
  }
}
