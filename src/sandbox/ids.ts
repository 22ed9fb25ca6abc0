import { createHash, randomBytes } from 'node:crypto';

/** Stable hex of a seed string, so ids survive restarts and both sides (sandbox, driver) agree on them. */
export function stableHex(seed: string, length = 32): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += createHash('sha256').update(`${seed}#${i}`).digest('hex');
  return out.slice(0, length);
}

export const randomHex = (bytes = 16): string => randomBytes(bytes).toString('hex');

/** The bot's own open_id: derived from the app id so the driver can @-mention it without asking the sandbox. */
export const botOpenIdFor = (appId: string): string => `ou_bot${stableHex(`bot:${appId}`, 26)}`;

/** The p2p chat between the bot and one user; Lark gives every such pair one fixed chat_id. */
export const p2pChatIdFor = (appId: string, openId: string): string => `oc_${stableHex(`p2p:${appId}:${openId}`)}`;

export const unionIdFor = (openId: string): string => `on_${stableHex(`union:${openId}`)}`;

export const BOT_APP_NAME = '平时考核助手';
