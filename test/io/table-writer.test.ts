import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvField, renderCsv, writeTable } from '../../src/io/table-writer';
import { readTableFromString } from '../../src/io/table-file';

async function capture(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  out.end();
  return Buffer.concat(chunks);
}

describe('CSV writing', () => {
  it('quotes per RFC 4180 with \\n line ends', () => {
    const text = renderCsv(['a', 'b', 'c'], [
      { a: 'x,y', b: 'say "hi"', c: 'two\nlines' },
      { a: null, b: 3.5, c: undefined },
    ]);
    expect(text).toBe('a,b,c\n"x,y","say ""hi""","two\nlines"\n,3.5,\n');
  });

  it('writes a BOM only when asked, and streams async rows', async () => {
    async function* rows() {
      yield { week: '2026-W47', name: '张三' };
    }
    const plain = await capture((out) => writeTable({ columns: ['week', 'name'], rows: rows(), format: 'csv', out }));
    expect(plain.toString('utf8')).toBe('week,name\n2026-W47,张三\n');
    const withBom = await capture((out) => writeTable({ columns: ['week', 'name'], rows: rows(), format: 'csv', out, bom: true }));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('neutralises every text cell that a spreadsheet would evaluate, and leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+cmd|\' /C calc\'!A0')).toBe(`'+cmd|' /C calc'!A0`);
    expect(csvField('-2+3')).toBe(`'-2+3`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvField('\t=1')).toBe(`'\t=1`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField('a=1')).toBe('a=1');
  });

  it('reads back what it writes', async () => {
    const rows = [{ content: '完成：\n1. 起草文件, 审核 "方案"', status: 'on_time' }];
    const text = renderCsv(['content', 'status'], rows);
    const back = await readTableFromString(text, { columns: ['content', 'status'] });
    expect(back.rows[0]!.values).toEqual(rows[0]);
  });

  it('does not end the caller’s stream', async () => {
    const out = new PassThrough();
    out.resume();
    await writeTable({ columns: ['a'], rows: [{ a: 1 }], format: 'xlsx', out });
    expect(out.writableEnded).toBe(false);
  });
});
