import type { CallbackTokens } from './callback-tokens';
import { apiError, LarkCodes } from './errors';
import { isRecord } from './http-util';
import { assertValidCard } from './messages-api';
import type { MessageStore } from './store';

/**
 * `POST /open-apis/interactive/v1/card/update` `{token, card}`: the delayed update of a card a user
 * clicked, with the callback's token. Lark's error codes for a spent or expired token are not
 * documented; the sandbox answers 99992402 with a message that says which.
 */
export function delayedUpdate(tokens: CallbackTokens, store: MessageStore, body: Record<string, unknown>, now: number): Record<string, unknown> {
  const token = typeof body.token === 'string' ? body.token : '';
  if (!token) throw apiError(400, LarkCodes.fieldValidation, 'token is required');
  if (!isRecord(body.card)) throw apiError(400, LarkCodes.fieldValidation, 'card must be a JSON object');
  assertValidCard(body.card);
  const found = tokens.consume(token, now);
  if ('error' in found) throw apiError(400, LarkCodes.fieldValidation, found.error);
  const m = store.get(found.messageId);
  if (m && m.msg_type === 'interactive') {
    m.patches.push({ content: body.card, at: String(now) });
    m.card = body.card;
    m.update_time = String(now);
  }
  return {};
}
