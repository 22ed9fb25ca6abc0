import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord, parseJson, sendJson } from './http-util';
import type { SandboxControl } from './control';
import type { InboundMessage } from './store';

/** `/sandbox/*`: the JS inspection API over HTTP, for a test that runs the bot in another process. */
export function handleInspectRoute(sb: SandboxControl, req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): boolean {
  const key = `${req.method ?? 'GET'} ${url.pathname}`;
  const body = parseJson(raw);
  const obj = isRecord(body) ? body : {};
  switch (key) {
    case 'GET /sandbox/messages': {
      // CONTRACT.md: an array of every outbound message, `{message_id, receive_id, chat_id, msg_type, content, at}`
      // plus what the stand-in knows besides (chat_type, the card after updates, …); `?to=` narrows it to one chat.
      const to = url.searchParams.get('to');
      sendJson(res, 200, (to ? sb.messagesFor(to) : sb.messages()).map((m) => ({ ...m, at: new Date(Number(m.create_time)).toISOString() })));
      return true;
    }
    case 'GET /sandbox/calls':
      sendJson(res, 200, { calls: sb.calls });
      return true;
    case 'GET /sandbox/stats':
      sendJson(res, 200, sb.stats());
      return true;
    case 'GET /sandbox/org':
      sendJson(res, 200, sb.org);
      return true;
    case 'POST /sandbox/faults':
      sb.setFaults(pickNumbers(obj, ['errorRate', 'afterCommitErrorRate', 'latencyMs', 'limitRate']));
      sendJson(res, 200, { faults: sb.faults });
      return true;
    case 'POST /sandbox/rate-limits':
      sb.setRateLimits({
        ...pickNumbers(obj, ['appPerSecond', 'appPerMinute', 'recipientPerSecond', 'messagePatchPerSecond']),
        ...(typeof obj.enabled === 'boolean' ? { enabled: obj.enabled } : {}),
        ...(obj.style === '230020' || obj.style === '99991400' ? { style: obj.style } : {}),
      });
      sendJson(res, 200, { ok: true });
      return true;
    case 'POST /sandbox/outage': {
      const ms = typeof obj.durationMs === 'number' ? obj.durationMs : 0;
      if (ms > 0) sb.startOutage(ms, obj.kind === 'reset' ? 'reset' : 'unavailable');
      else sb.endOutage();
      sendJson(res, 200, { ok: true });
      return true;
    }
    case 'POST /sandbox/reset':
      sb.reset();
      sendJson(res, 200, { ok: true });
      return true;
    case 'POST /sandbox/revoke-tokens':
      sb.revokeTokens();
      sendJson(res, 200, { ok: true });
      return true;
    case 'POST /sandbox/inbound': {
      const m = obj as Partial<InboundMessage>;
      if (!m.message_id || !m.chat_id || !m.open_id || (m.chat_type !== 'p2p' && m.chat_type !== 'group')) {
        sendJson(res, 400, { error: 'need message_id, chat_id, chat_type, open_id' });
        return true;
      }
      sb.recordInbound({ message_id: m.message_id, chat_id: m.chat_id, chat_type: m.chat_type, open_id: m.open_id });
      sendJson(res, 200, { ok: true });
      return true;
    }
    default:
      return false;
  }
}

function pickNumbers<K extends string>(obj: Record<string, unknown>, keys: K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) if (typeof obj[k] === 'number') out[k] = obj[k] as number;
  return out;
}
