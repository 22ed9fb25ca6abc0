import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable, readTableFromString } from '../../src/io/table-file';
import { writeTableToFile } from '../../src/io/table-writer';
import { encodeGbk } from '../hardening/gbk';

const COLUMNS = ['open_id', 'name', 'level'];
const dir = mkdtempSync(join(tmpdir(), 'pingshi-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, bytes: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

const TEXT = 'open_id,name,level\r\nou_1,张丽,副职\r\nou_2,欧阳明轩,一般干部\r\n';
const EXPECTED = [
  { line: 2, values: { open_id: 'ou_1', name: '张丽', level: '副职' } },
  { line: 3, values: { open_id: 'ou_2', name: '欧阳明轩', level: '一般干部' } },
];

describe('reading CSV in the encodings people actually save', () => {
  it('reads UTF-8 with and without a BOM, GBK as saved by Excel, and UTF-16 with its BOM', async () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    for (const [name, bytes] of [
      ['plain.csv', Buffer.from(TEXT)],
      ['bom.csv', Buffer.from(`\uFEFF${TEXT}`)],
      ['gbk.csv', encodeGbk(TEXT)],
      ['utf16.csv', utf16le],
    ] as const) {
      const { rows, errors } = await readTable(file(name, bytes), { columns: COLUMNS });
      expect({ name, rows, errors }).toEqual({ name, rows: EXPECTED, errors: [] });
    }
  });

  it('reads a GBK file whose characters straddle the read chunks', async () => {
    const lines = ['open_id,name,level'];
    for (let i = 0; i < 20_000; i++) lines.push(`ou_${i},欧阳明轩${i},一般干部`);
    const { rows, errors } = await readTable(file('big-gbk.csv', encodeGbk(lines.join('\n'))), { columns: COLUMNS });
    expect(errors).toEqual([]);
    expect(rows.filter((r, i) => r.values.name !== `欧阳明轩${i}`)).toEqual([]);
  });

  it('refuses a file that is neither UTF-8 nor GB18030, saying to save it as UTF-8', async () => {
    const bytes = Buffer.concat([encodeGbk('open_id,name,level\nou_1,张'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(',副职\n')]);
    await expect(readTable(file('broken.csv', bytes), { columns: COLUMNS })).rejects.toThrow(/请另存为 UTF-8 编码/);
  });

  it('refuses a row that already holds U+FFFD instead of storing it', async () => {
    const { rows, errors } = await readTableFromString('open_id,name,level\nou_1,张\uFFFD,副职\nou_2,王芳,副职\n', { columns: COLUMNS });
    expect(rows.map((r) => r.values.name)).toEqual(['王芳']);
    expect(errors).toEqual([{ line: 2, reason: expect.stringContaining('乱码') }]);
  });
});

describe('reading XLSX', () => {
  it('keeps every Chinese character intact across exceljs read chunks', async () => {
    const path = join(dir, 'names.xlsx');
    const source = Array.from({ length: 30_000 }, (_, i) => ({ open_id: `ou_${i}`, name: `欧阳明轩${i}`, level: '一般干部' }));
    await writeTableToFile(path, { columns: COLUMNS, rows: source, format: 'xlsx' });
    const { rows, errors } = await readTable(path, { columns: COLUMNS });
    expect(errors).toEqual([]);
    expect(rows.filter((r, i) => r.values.name !== source[i]!.name)).toEqual([]);
  });

  it('stops reading an XLSX that inflates past the limit, with a message that says what to do', async () => {
    const path = join(dir, 'wide.xlsx');
    await writeTableToFile(path, { columns: COLUMNS, rows: Array.from({ length: 2_000 }, (_, i) => ({ open_id: `ou_${i}`, name: '张丽', level: '副职' })), format: 'xlsx' });
    await expect(readTable(path, { columns: COLUMNS, maxXlsxExpandedBytes: 64 * 1024 })).rejects.toThrow(/解压后超过.*未导入任何数据/);
    expect((await readTable(path, { columns: COLUMNS })).rows).toHaveLength(2_000);
  });
});
