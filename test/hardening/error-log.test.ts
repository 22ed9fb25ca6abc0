import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { boundedErrorLog } from '../../src/http/error-log';

describe('logging malformed requests', () => {
  it('keeps at most 20 lines a minute, then says how many it left out', () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    let now = 0;
    const logError = boundedErrorLog(log, 20, () => now);
    const err = Object.assign(new Error('Parse Error: Invalid method encountered'), { code: 'HPE_INVALID_METHOD', rawPacket: Buffer.alloc(262_144, 0xff) });
    for (let i = 0; i < 500; i++) logError(err, 'malformed request');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatchObject({ code: 'HPE_INVALID_METHOD', rawBytes: 262_144, msg: 'malformed request' });
    now = 61_000;
    logError(err, 'malformed request');
    expect(lines.slice(20).map((l) => [l.msg, l.suppressed])).toEqual([
      ['malformed requests not logged in the last minute', 480],
      ['malformed request', undefined],
    ]);
    expect(Math.max(...lines.map((l) => JSON.stringify(l).length))).toBeLessThan(1024);
  });
});
