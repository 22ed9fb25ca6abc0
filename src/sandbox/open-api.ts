import type { CallbackTokens } from './callback-tokens';
import { delayedUpdate } from './card-update-api';
import { departmentChildren, departmentInfo, usersByDepartment } from './contacts';
import { apiError, LarkCodes } from './errors';
import { isRecord } from './http-util';
import { BOT_APP_NAME } from './ids';
import { type Draft, type MessageContext, prepareCreate, preparePatch, prepareReply } from './messages-api';
import type { ContactScope } from './sandbox-options';

/** Maps an authenticated /open-apis request to a read result or a write draft (which the server rate-limits). */
export type RouteResult = { payload: Record<string, unknown> } | { draft: Draft; kind: 'send' | 'patch' };

export interface ApiContext extends MessageContext {
  tokens: CallbackTokens;
  contacts: ContactScope;
}

const MSG_PATH = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/;
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/;
const CHILDREN_PATH = /^\/open-apis\/contact\/v3\/departments\/([^/]+)\/children$/;
const DEPT_PATH = /^\/open-apis\/contact\/v3\/departments\/([^/]+)$/;

export function routeOpenApi(ctx: ApiContext, botOpenId: string, method: string, path: string, q: URLSearchParams, body: unknown): RouteResult {
  const needBody = (): Record<string, unknown> => {
    if (!isRecord(body)) throw apiError(400, LarkCodes.fieldValidation, 'request body must be a JSON object');
    return body;
  };
  let m: RegExpExecArray | null;
  if (method === 'POST' && path === '/open-apis/im/v1/messages') {
    return { draft: prepareCreate(ctx, q.get('receive_id_type'), needBody()), kind: 'send' };
  }
  if (method === 'POST' && (m = REPLY_PATH.exec(path))) return { draft: prepareReply(ctx, m[1] ?? '', needBody()), kind: 'send' };
  if (method === 'PATCH' && (m = MSG_PATH.exec(path))) return { draft: preparePatch(ctx, m[1] ?? '', needBody()), kind: 'patch' };
  if (method === 'POST' && path === '/open-apis/interactive/v1/card/update') {
    return { payload: { data: delayedUpdate(ctx.tokens, ctx.store, needBody(), ctx.now()) } };
  }
  if (method === 'GET' && path === '/open-apis/bot/v3/info') {
    // Lark puts `bot` at top level here, not under `data`.
    return { payload: { msg: 'ok', bot: { open_id: botOpenId, app_name: BOT_APP_NAME, activate_status: 2, ip_white_list: [] } } };
  }
  if (method === 'GET' && (m = CHILDREN_PATH.exec(path))) return { payload: { data: departmentChildren(ctx.org, ctx.contacts, m[1] ?? '', q) } };
  if (method === 'GET' && path === '/open-apis/contact/v3/users/find_by_department') {
    return { payload: { data: usersByDepartment(ctx.org, ctx.contacts, q) } };
  }
  if (method === 'GET' && (m = DEPT_PATH.exec(path))) return { payload: { data: departmentInfo(ctx.org, ctx.contacts, m[1] ?? '', q) } };
  throw apiError(404, LarkCodes.notFound, `sandbox does not implement ${method} ${path}`);
}
