import type { Logger } from 'pino';

/** Bytes of a malformed request quoted in the log; enough to recognise a scanner, never the whole packet. */
const SAMPLE_BYTES = 64;
const MESSAGE_CHARS = 200;

/**
 * Node attaches the whole unparsed packet (up to the header limit) to an HTTP parse error, and a
 * default error log serialises it as a JSON array: ~262 KB of log per garbage connection. Only a
 * short, printable sample is kept here.
 */
export function describeHttpError(err: unknown): Record<string, unknown> {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; bytesParsed?: unknown; rawPacket?: unknown };
  const fields: Record<string, unknown> = {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: String(e.message ?? err).slice(0, MESSAGE_CHARS),
  };
  if (typeof e.bytesParsed === 'number') fields.bytesParsed = e.bytesParsed;
  if (Buffer.isBuffer(e.rawPacket)) {
    fields.rawBytes = e.rawPacket.length;
    fields.sample = printable(e.rawPacket.subarray(0, SAMPLE_BYTES));
  }
  return fields;
}

function printable(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * At most `perMinute` lines a minute, then one line saying how many were left out, so a flood of
 * garbage connections cannot fill the disk through the log.
 */
export function boundedErrorLog(log: Logger, perMinute = 20, now = () => Date.now()) {
  let windowStart = now();
  let logged = 0;
  let suppressed = 0;
  return (err: unknown, msg: string): void => {
    const t = now();
    if (t - windowStart >= 60_000) {
      if (suppressed > 0) log.warn({ suppressed }, 'malformed requests not logged in the last minute');
      windowStart = t;
      logged = 0;
      suppressed = 0;
    }
    if (logged >= perMinute) {
      suppressed++;
      return;
    }
    logged++;
    log.warn(describeHttpError(err), msg);
  };
}
