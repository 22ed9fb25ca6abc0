import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJson, sendJson, sendText } from '../http-util';
import { act } from './act';
import { consolePage, consoleScript, consoleStyles } from './assets';
import { ConsoleRefusal, consoleHooksOf, type ConsoleSandbox } from './hooks';
import { conversation, forgetSaid, summary } from './state';
import type { ClockState } from './view-types';

/**
 * The web console's routes: the page and its assets, acting as a person (`/sandbox/act`), and —
 * when `serve` lent it the bot's clock — moving time (`/sandbox/clock`) and a full reset.
 */
export async function handleConsoleRoute(sb: ConsoleSandbox, req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<boolean> {
  const hooks = consoleHooksOf(sb);
  switch (`${req.method ?? 'GET'} ${url.pathname}`) {
    case 'GET /':
    case 'GET /console':
      sendText(res, 200, await consolePage(), 'text/html; charset=utf-8');
      return true;
    case 'GET /console/app.js':
      sendText(res, 200, await consoleScript(), 'text/javascript; charset=utf-8');
      return true;
    case 'GET /console/app.css':
      sendText(res, 200, await consoleStyles(), 'text/css; charset=utf-8');
      return true;
    case 'POST /sandbox/act': {
      const { status, body } = await act(sb, parseJson(raw), hooks);
      sendJson(res, status, body);
      return true;
    }
    case 'GET /sandbox/console/summary':
      sendJson(res, 200, summary(sb));
      return true;
    case 'GET /sandbox/console/conversation':
      sendJson(res, 200, { items: conversation(sb, url.searchParams.get('with') ?? '') });
      return true;
    case 'GET /sandbox/clock': {
      const state: ClockState = hooks ? { movable: true, now: hooks.now().toISOString(), targets: hooks.targets() } : { movable: false, now: new Date().toISOString(), targets: [] };
      sendJson(res, 200, state);
      return true;
    }
    case 'POST /sandbox/clock':
      await moveClock(sb, res, parseJson(raw));
      return true;
    case 'POST /sandbox/reset':
      // Without a bot attached, the inspection route's reset (messages only) answers instead.
      if (!hooks) return false;
      await hooks.reset();
      sb.reset();
      forgetSaid(sb);
      sendJson(res, 200, { ok: true, now: hooks.now().toISOString() });
      return true;
    default:
      return false;
  }
}

async function moveClock(sb: ConsoleSandbox, res: ServerResponse, body: unknown): Promise<void> {
  const hooks = consoleHooksOf(sb);
  if (!hooks) return sendJson(res, 409, { error: '沙箱时钟由机器人提供；请用 npm start 启动（沙箱模式）后再拨时间。' });
  const to = isRecord(body) && typeof body.to === 'string' ? new Date(body.to) : null;
  if (!to || Number.isNaN(to.getTime())) return sendJson(res, 400, { error: '请给出要拨到的时间，例如 {"to":"2026-07-01T09:00:00+08:00"}。' });
  try {
    sendJson(res, 200, await hooks.moveTo(to));
  } catch (e) {
    if (e instanceof ConsoleRefusal) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}
