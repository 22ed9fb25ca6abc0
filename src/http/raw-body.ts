import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {}
/** The body did not finish arriving in time: a slow or stalled sender must not hold a connection. */
export class BodyTimeoutError extends Error {}

/** Reads the request body as bytes, refusing more than `limit` bytes or a body still arriving after `timeoutMs`. */
export async function readRawBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(() => reject(new BodyTooLargeError()));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks)));
    const onError = (e: Error) => finish(() => reject(e));
    const onClose = () => finish(() => reject(new Error('client closed the connection mid-body')));
    const timer = setTimeout(() => finish(() => reject(new BodyTimeoutError())), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
