import { writeFileSync } from 'node:fs';
import zlib from 'node:zlib';

interface Entry {
  name: string;
  /** Raw deflate bytes, CRC-32 and size of what they inflate to. */
  deflated: Buffer;
  crc: number;
  size: number;
}

const crc32 = (data: Buffer, prev = 0): number => (zlib as unknown as { crc32?: (d: Buffer, p: number) => number }).crc32?.(data, prev) ?? 0;

function small(name: string, text: string): Entry {
  const data = Buffer.from(text);
  return { name, deflated: zlib.deflateRawSync(data), crc: crc32(data), size: data.length };
}

/**
 * An entry whose content is `head`, then `body` repeated `times`, then `tail`, deflated without ever
 * holding it: each part is compressed up to a full flush, which makes its blocks independent, so the
 * body's compressed bytes can simply be repeated.
 */
function repeated(name: string, head: string, body: string, times: number, tail: string): Entry {
  const flush = (text: string) => zlib.deflateRawSync(Buffer.from(text), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const bodyBytes = Buffer.from(body);
  let crc = crc32(Buffer.from(head));
  for (let i = 0; i < times; i++) crc = crc32(bodyBytes, crc);
  crc = crc32(Buffer.from(tail), crc);
  const bodyBlocks = flush(body);
  const deflated = Buffer.concat([flush(head), ...Array.from({ length: times }, () => bodyBlocks), flush(tail), zlib.deflateRawSync(Buffer.alloc(0))]);
  return { name, deflated, crc, size: Buffer.byteLength(head) + bodyBytes.length * times + Buffer.byteLength(tail) };
}

function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.deflated.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.deflated.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + e.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A well-formed workbook of one training-import row whose shared-strings part inflates to
 * `expandedMiB` MiB (about 1,000 times its compressed size), in the order Excel writes the parts.
 */
export function writeXlsxBomb(path: string, expandedMiB: number): number {
  const si = `<si><t>${'培训课程'.repeat(20)}</t></si>`;
  const perMiB = Math.floor((1024 * 1024) / Buffer.byteLength(si));
  const body = si.repeat(perMiB);
  const count = perMiB * expandedMiB;
  const entries = [
    small('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`),
    small('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    small('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="培训记录" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    small('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    repeated('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${count}" uniqueCount="${count}">`, body, expandedMiB, '</sst>'),
    small('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>open_id</t></is></c><c r="B1" t="inlineStr"><is><t>date</t></is></c><c r="C1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
  ];
  const bytes = zip(entries);
  writeFileSync(path, bytes);
  return bytes.length;
}
