import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { iterateTable, readTable, readTableFromString } from '../../src/io/table-file';
import { writeTable, writeTableToFile } from '../../src/io/table-writer';

const TRAINING = ['open_id', 'date', 'title', 'kind', 'hours', 'required'] as const;
const dir = mkdtempSync(join(tmpdir(), 'pingshi-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV', () => {
  it('accepts a BOM and trims cells', async () => {
    const csv = '\uFEFFopen_id,date,title,kind,hours,required\nou_1, 2026-03-02 ,党史学习,online, 2.5 ,1\n';
    const { rows, errors } = await readTableFromString(csv, { columns: TRAINING });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, values: { open_id: 'ou_1', date: '2026-03-02', title: '党史学习', kind: 'online', hours: '2.5', required: '1' } },
    ]);
  });

  it('keeps quoted commas, quotes and newlines, numbering records by their first line', async () => {
    const csv = [
      'open_id,date,title,kind,hours,required',
      'ou_1,2026-03-02,"第一行',
      '第二行, 有逗号",offline,8,0',
      '',
      'ou_2,2026-03-03,"他说""好""",online,1,1',
    ].join('\r\n');
    const { rows, errors } = await readTableFromString(csv, { columns: TRAINING });
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.line, r.values.title])).toEqual([
      [2, '第一行\r\n第二行, 有逗号'],
      [5, '他说"好"'],
    ]);
  });

  it('reports a missing header column once, in Chinese, naming the expected columns', async () => {
    const { rows, errors } = await readTableFromString('open_id,date,title,kind\nou_1,2026-03-02,x,online\n', {
      columns: TRAINING,
    });
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(1);
    expect(errors[0]!.reason).toContain('缺少列：hours、required');
    expect(errors[0]!.reason).toContain('open_id,date,title,kind,hours,required');
  });

  it('reports rows with the wrong number of fields and keeps going', async () => {
    const csv = 'a,b\n1,2\n3\n4,5,6\n7,8,\n,\n9,10\n';
    const { rows, errors } = await readTableFromString(csv, { columns: ['a', 'b'] });
    expect(rows.map((r) => r.line)).toEqual([2, 5, 7]);
    expect(errors.map((e) => e.line)).toEqual([3, 4]);
  });

  it('reports a broken quote with a line number instead of throwing', async () => {
    const { errors } = await readTableFromString('a,b\n1,"open\n', { columns: ['a', 'b'] });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.reason).toMatch(/CSV 格式错误/);
  });

  it('reports an empty file', async () => {
    const { errors } = await readTableFromString('\uFEFF', { columns: ['a'] });
    expect(errors).toEqual([{ line: 1, reason: expect.stringContaining('文件为空') }]);
  });

  it('reads 50,000 rows from a file in one go, with progress', async () => {
    const path = join(dir, 'big.csv');
    const lines = ['open_id,date,title,kind,hours,required'];
    for (let i = 0; i < 50_000; i++) lines.push(`ou_${i},2026-03-02,"课程 ${i}, 第${i % 7}讲",online,1.5,${i % 2}`);
    writeFileSync(path, lines.join('\n'));
    let last: [number, number | undefined] = [0, 0];
    const started = performance.now();
    const { rows, errors } = await readTable(path, { columns: TRAINING, onProgress: (done, total) => (last = [done, total]) });
    const elapsed = performance.now() - started;
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999]).toEqual({
      line: 50_001,
      values: { open_id: 'ou_49999', date: '2026-03-02', title: '课程 49999, 第5讲', kind: 'online', hours: '1.5', required: '1' },
    });
    expect(last[0]).toBe(last[1]);
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('XLSX', () => {
  it('round-trips what table-writer writes', async () => {
    const path = join(dir, 'round.xlsx');
    const source = [
      { open_id: 'ou_1', date: '2026-03-02', title: '多行\n标题, "引号"', kind: 'online', hours: 2.5, required: 1 },
      { open_id: 'ou_2', date: '2026-03-03', title: null, kind: 'offline', hours: 8, required: 0 },
    ];
    await writeTableToFile(path, { columns: TRAINING, rows: source, format: 'xlsx' });
    const { rows, errors } = await readTable(path, { columns: TRAINING });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, values: { open_id: 'ou_1', date: '2026-03-02', title: '多行\n标题, "引号"', kind: 'online', hours: '2.5', required: '1' } },
      { line: 3, values: { open_id: 'ou_2', date: '2026-03-03', title: '', kind: 'offline', hours: '8', required: '0' } },
    ]);
  });

  it('reads date cells as YYYY-MM-DD, skips blank rows and uses only the first sheet', async () => {
    const path = join(dir, 'dates.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('培训记录');
    sheet.addRow(['open_id', 'date', 'title', 'kind', 'hours', 'required', '备注']);
    sheet.addRow(['ou_1', new Date(Date.UTC(2026, 2, 2)), { richText: [{ text: '富' }, { text: '文本' }] }, 'online', 3, 1]);
    sheet.addRow([]);
    sheet.addRow(['ou_2', new Date(Date.UTC(2026, 11, 31)), '课程', 'exam', { formula: '1+1', result: 2 }, 0, 'x']);
    sheet.getColumn(2).numFmt = 'yyyy-mm-dd';
    wb.addWorksheet('其他').addRow(['ignored']);
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));

    const { rows, errors } = await readTable(path, { columns: TRAINING });
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, values: { open_id: 'ou_1', date: '2026-03-02', title: '富文本', kind: 'online', hours: '3', required: '1', 备注: '' } },
      { line: 4, values: { open_id: 'ou_2', date: '2026-12-31', title: '课程', kind: 'exam', hours: '2', required: '0', 备注: 'x' } },
    ]);
  });

  it('reads the first sheet of a workbook with many sheets, whose parts come before its shared strings', async () => {
    // Each sheet written ahead of the shared strings waits in a temporary file; the unzip parser
    // finished the file meanwhile and exceljs's own loop stopped short of xl/workbook.xml.
    const path = join(dir, 'many-sheets.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('一月').addRows([[...TRAINING], ['ou_1', '2026-01-05', '党课', 'offline', 2, 1]]);
    for (let month = 2; month <= 12; month++) wb.addWorksheet(`${month}月`).addRow(['open_id', month]);
    writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));

    const { rows, errors } = await readTable(path, { columns: TRAINING });
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ line: 2, values: { open_id: 'ou_1', date: '2026-01-05', title: '党课', kind: 'offline', hours: '2', required: '1' } }]);
  });

  it('reads the first sheet when the shared strings come between it and the next in the zip', async () => {
    // The first sheet waits in a temporary file for the shared strings; the second, after them,
    // could be read at once, and exceljs's order yielded it first.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('培训记录').addRows([[...TRAINING], ['ou_1', '2026-01-05', '党课', 'offline', 2, 1]]);
    wb.addWorksheet('说明').addRows([['填表说明'], ['每行一条培训记录']]);
    const order = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet2.xml'];
    const path = await rezipped(wb, 'strings-between.xlsx', { last: order });

    const { rows, errors } = await readTable(path, { columns: TRAINING });
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ line: 2, values: { open_id: 'ou_1', date: '2026-01-05', title: '党课', kind: 'offline', hours: '2', required: '1' } }]);
  });

  it('reads the first tab as Excel shows it: tabs moved, a hidden sheet or a chart sheet in front', async () => {
    // A template's instructions written first (sheet1), its data tab moved in front of them.
    const moved = new ExcelJS.Workbook();
    moved.addWorksheet('说明').addRows([['填表说明'], ['每行一条培训记录']]);
    moved.addWorksheet('培训记录').addRows([[...TRAINING], ['ou_1', '2026-01-05', '党课', 'offline', 2, 1]]);
    const swapTabs = (xml: string) => xml.replace(/(<sheet [^>]*\/>)(<sheet [^>]*\/>)/, '$2$1');
    const sheets = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'];
    const edit = { 'xl/workbook.xml': swapTabs };
    const movedPaths = [
      // As exceljs writes it, the workbook part last: every sheet waits until the tabs are known.
      await rezipped(moved, 'tabs-moved.xlsx', { edit }),
      // The tabs known first, the shared strings after the sheets: only the first tab waits.
      await rezipped(moved, 'tabs-moved-strings-last.xlsx', { edit, last: [...sheets, 'xl/sharedStrings.xml'] }),
      // Both known first: the first tab is read as it arrives, the other skipped.
      await rezipped(moved, 'tabs-moved-sheets-last.xlsx', { edit, last: sheets }),
    ];
    // A hidden code list in front of the data.
    const hidden = new ExcelJS.Workbook();
    hidden.addWorksheet('代码表', { state: 'hidden' }).addRows([['kind'], ['online'], ['offline']]);
    hidden.addWorksheet('培训记录').addRows([[...TRAINING], ['ou_1', '2026-01-05', '党课', 'offline', 2, 1]]);
    const hiddenPath = await rezipped(hidden, 'hidden-first.xlsx');
    // A chart sheet in front (its relationship made one): the first tab that is a worksheet.
    const chartFirst = (rels: string) => rels.replace(/Type="[^"]*\/worksheet" Target="worksheets\/sheet1\.xml"/, 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"');
    const chartPath = await rezipped(moved, 'chart-first.xlsx', { edit: { 'xl/_rels/workbook.xml.rels': chartFirst }, last: sheets });

    for (const path of [...movedPaths, hiddenPath, chartPath]) {
      const { rows, errors } = await readTable(path, { columns: TRAINING });
      expect(errors).toEqual([]);
      expect(rows).toEqual([{ line: 2, values: { open_id: 'ou_1', date: '2026-01-05', title: '党课', kind: 'offline', hours: '2', required: '1' } }]);
    }
  });

  it('says a workbook without its workbook part is damaged', async () => {
    const path = join(dir, 'no-workbook.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('培训记录').addRow([...TRAINING]);
    // Renaming the part in the zip's headers (same length) keeps the zip valid without it.
    const bytes = Buffer.from(await wb.xlsx.writeBuffer()).toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbooX.xml');
    writeFileSync(path, Buffer.from(bytes, 'latin1'));

    const { rows, errors } = await readTable(path, { columns: TRAINING });
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, reason: '无法读取 XLSX 文件：文件缺少工作簿信息（xl/workbook.xml），可能不完整或已损坏' }]);
  });

  it('says a workbook whose first tab has no sheet part is damaged, whichever part comes first', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('培训记录').addRows([[...TRAINING], ['ou_1', '2026-01-05', '党课', 'offline', 2, 1]]);
    wb.addWorksheet('说明').addRows([['填表说明']]);
    const drop = ['xl/worksheets/sheet1.xml'];
    const paths = [await rezipped(wb, 'first-tab-missing.xlsx', { drop }), await rezipped(wb, 'first-tab-missing-sheets-last.xlsx', { drop, last: ['xl/worksheets/sheet2.xml'] })];
    for (const path of paths) {
      const { rows, errors } = await readTable(path, { columns: TRAINING });
      expect(rows).toEqual([]);
      expect(errors).toEqual([{ line: 1, reason: '无法读取 XLSX 文件：文件缺少第一个工作表（xl/worksheets/sheet1.xml），可能不完整或已损坏，请用 Excel 打开后另存一份再导入' }]);
    }
  });

  it('reports a missing header column in a sheet', async () => {
    const path = join(dir, 'bad-header.xlsx');
    await writeTableToFile(path, { columns: ['open_id', 'date'], rows: [{ open_id: 'ou_1', date: '2026-03-02' }], format: 'xlsx' });
    const { rows, errors } = await readTable(path, { columns: TRAINING });
    expect(rows).toEqual([]);
    expect(errors).toEqual([{ line: 1, reason: expect.stringContaining('缺少列：title、kind、hours、required') }]);
  });

  it('streams 50,000 rows written by table-writer', async () => {
    const path = join(dir, 'big.xlsx');
    const out = createWriteStream(path);
    function* rows() {
      for (let i = 0; i < 50_000; i++) yield { open_id: `ou_${i}`, date: '2026-03-02', title: `课程 ${i}`, kind: 'online', hours: 1.5, required: i % 2 };
    }
    await writeTable({ columns: TRAINING, rows: rows(), format: 'xlsx', out });
    out.end();
    await finished(out);
    let count = 0;
    let lastLine = 0;
    for await (const item of iterateTable(path, { columns: TRAINING })) {
      expect(item.type).toBe('row');
      count++;
      lastLine = item.line;
    }
    expect(count).toBe(50_000);
    expect(lastLine).toBe(50_001);
  });
});

it('refuses the old binary Excel format with advice', async () => {
  const path = join(dir, 'old.xls');
  writeFileSync(path, 'x');
  await expect(readTable(path, { columns: ['a'] })).rejects.toThrow(/另存为 \.xlsx/);
});

/**
 * An exceljs workbook written to `name` through JSZip: `last` are parts moved to the end of the
 * zip in that order, `edit` rewrites parts' text, `drop` leaves parts out.
 */
async function rezipped(
  wb: ExcelJS.Workbook,
  name: string,
  o: { last?: readonly string[]; edit?: Record<string, (text: string) => string>; drop?: readonly string[] } = {},
): Promise<string> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const all = Object.keys(zip.files).filter((part) => !zip.files[part]!.dir);
  const drop = o.drop ?? [];
  expect(drop.filter((part) => all.includes(part))).toEqual(drop);
  const parts = all.filter((part) => !drop.includes(part));
  const last = o.last ?? [];
  expect(last.filter((part) => parts.includes(part))).toEqual(last);
  const out = new JSZip();
  for (const part of [...parts.filter((p) => !last.includes(p)), ...last]) {
    const edit = o.edit?.[part];
    if (edit) {
      const before = await zip.file(part)!.async('string');
      const after = edit(before);
      expect(after).not.toBe(before);
      out.file(part, after);
    } else out.file(part, await zip.file(part)!.async('uint8array'));
  }
  const path = join(dir, name);
  writeFileSync(path, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}
