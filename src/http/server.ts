import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import Koa from 'koa';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics';
import { boundedErrorLog } from './error-log';
import { BODY_TIMEOUT_MS, handleWebhook, type WebhookOptions } from './webhook';

export interface HttpOptions extends WebhookOptions {
  metrics: Metrics;
  healthy: () => Promise<boolean>;
  log: Logger;
  /** Told of every request to a Lark route as it arrives (background work yields to them). */
  onLarkRequest?: () => void;
}

const LARK_ROUTES = new Set(['/lark/events', '/lark/cards']);

/** The only place that knows about Koa. Routes are matched on the path alone, so query strings don't fall through. */
export function createHttpApp(o: HttpOptions): Koa {
  const app = new Koa();
  app.silent = true;
  const logError = boundedErrorLog(o.log);
  app.on('error', (err) => logError(err, 'http error'));

  app.use(async (ctx) => {
    const path = ctx.path;
    if (LARK_ROUTES.has(path)) {
      o.onLarkRequest?.();
      if (ctx.method !== 'POST') {
        ctx.status = 405;
        ctx.set('Allow', 'POST');
        ctx.body = { error: 'use POST' };
        o.metrics.requests.inc({ route: path, outcome: 'bad_method' });
        return;
      }
      const outcome = await handleWebhook(ctx, o);
      o.metrics.requests.inc({ route: path, outcome });
      return;
    }
    if (path === '/healthz' && ctx.method === 'GET') {
      const ok = await o.healthy().catch(() => false);
      ctx.status = ok ? 200 : 503;
      ctx.body = ok ? { ok: true } : { ok: false, error: 'database unavailable' };
      o.metrics.requests.inc({ route: path, outcome: ok ? 'ok' : 'unhealthy' });
      return;
    }
    if (path === '/metrics' && ctx.method === 'GET') {
      ctx.set('Content-Type', o.metrics.registry.contentType);
      ctx.body = await o.metrics.registry.metrics();
      return;
    }
    ctx.status = 404;
    ctx.body = { error: 'not found' };
  });
  return app;
}

export interface ListenOptions {
  port: number;
  /** 127.0.0.1 in sandbox mode: its keys are public. */
  host: string;
  log: Logger;
  bodyTimeoutMs?: number;
}

/**
 * Node's own limits are 60 s for headers and 300 s for a whole request, checked every 30 s; here
 * both follow the body timeout so a slow sender is cut off by the server too, not only by the
 * webhook's timer. Malformed requests get Node's usual answer and a bounded log line.
 */
export async function listenHttp(app: Koa, o: ListenOptions): Promise<Server> {
  const timeout = o.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const server = createServer(
    { headersTimeout: timeout, requestTimeout: timeout + 1000, connectionsCheckingInterval: Math.min(1000, timeout) },
    app.callback(),
  );
  const logError = boundedErrorLog(o.log);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A client hanging up is not a malformed request.
    if (err.code !== 'ECONNRESET') logError(err, 'malformed request');
    if (socket.writable && socket.bytesWritten === 0) socket.write(CLIENT_ERROR_ANSWERS[err.code ?? ''] ?? BAD_REQUEST);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return server;
}

const answer = (status: string) => `HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`;
const BAD_REQUEST = answer('400 Bad Request');
const CLIENT_ERROR_ANSWERS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: answer('431 Request Header Fields Too Large'),
  ERR_HTTP_REQUEST_TIMEOUT: answer('408 Request Timeout'),
};
