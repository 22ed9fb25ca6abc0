/**
 * Delayed-update tokens of card callbacks (`event.token`): valid 30 minutes, at most 2 uses, and only
 * after the callback was answered ("延时更新卡片必须在响应回调之后进行").
 */
export const TOKEN_TTL_MS = 30 * 60 * 1000;
export const TOKEN_MAX_USES = 2;

interface Issued {
  messageId: string;
  openId: string;
  issuedAt: number;
  answered: boolean;
  uses: number;
}

export class CallbackTokens {
  private readonly tokens = new Map<string, Issued>();

  issue(token: string, messageId: string, openId: string, now: number): void {
    this.tokens.set(token, { messageId, openId, issuedAt: now, answered: false, uses: 0 });
  }

  answered(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.answered = true;
  }

  /** The message the token may update, or why it may not. */
  consume(token: string, now: number): { messageId: string } | { error: string } {
    const t = this.tokens.get(token);
    if (!t) return { error: 'token is invalid' };
    if (!t.answered) return { error: 'the card callback has not been answered yet; update after responding' };
    if (now - t.issuedAt >= TOKEN_TTL_MS) return { error: 'token expired (valid for 30 minutes)' };
    if (t.uses >= TOKEN_MAX_USES) return { error: 'token used up (at most 2 updates)' };
    t.uses++;
    return { messageId: t.messageId };
  }

  clear(): void {
    this.tokens.clear();
  }
}
