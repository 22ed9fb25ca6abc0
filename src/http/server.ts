import Koa from 'koa';
import type { Logger } from 'pino';
import type { Metrics } from '../metrics';
import { handleWebhook, type WebhookOptions } from './webhook';

export interface HttpOptions extends WebhookOptions {
  metrics: Metrics;
  healthy: () => Promise<boolean>;
  log: Logger;
}

const LARK_ROUTES = new Set(['/lark/events', '/lark/cards']);

/** The only place that knows about Koa. Routes are matched on the path alone, so query strings don't fall through. */
export function createHttpApp(o: HttpOptions): Koa {
  const app = new Koa();
  app.silent = true;
  app.on('error', (err) => o.log.warn({ err }, 'http error'));

  app.use(async (ctx) => {
    const path = ctx.path;
    if (LARK_ROUTES.has(path)) {
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
