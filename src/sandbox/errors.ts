/**
 * Error codes the sandbox answers with. Real Lark codes where we know them (lark-platform.md §4–5);
 * the rest are plausible picks, listed here so tests and the bot agree on them.
 */
export const LarkCodes = {
  appSecretInvalid: 10014, // token endpoint, HTTP 200
  invalidAccessToken: 99991663, // missing/unknown bearer token, HTTP 200 (SDK returns it, does not throw)
  rateLimited: 99991400, // generic gateway limiter: HTTP 429 + x-ogw-ratelimit-* headers
  messageRateLimited: 230020, // message create/reply/PATCH frequency limit, HTTP 400
  fieldValidation: 99992402, // bad query/body field (receive_id_type, missing receive_id…), HTTP 400
  invalidParam: 230001, // content not a JSON string / not parseable, wrong msg_type for PATCH, HTTP 400
  botNotInChat: 230002, // chat_id the bot is not a member of, HTTP 400
  messageNotFound: 230011, // unknown or recalled message_id (reply/PATCH), HTTP 400
  userNotInRange: 230013, // "Bot has NO availability to this user", HTTP 400
  contentTooLong: 230025, // card/post content over 30 KB, HTTP 400
  cardInvalid: 230099, // card content refused (sub-code 11310 in msg), or PATCH without update_multi on both cards, HTTP 400
  messageTooOld: 230031, // PATCH of a message sent more than 14 days ago, HTTP 400
  noDeptAuthority: 40004, // contact API: department outside the app's contact range (0 needs all members), HTTP 400 (code unverified)
  departmentNotFound: 40003, // contact API: unknown department id, HTTP 400
  notFound: 404, // unknown /open-apis route, HTTP 404
  internal: 500, // injected fault, HTTP 500/503
} as const;

export class LarkApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

export const apiError = (httpStatus: number, code: number, msg: string) => new LarkApiError(httpStatus, code, msg);
