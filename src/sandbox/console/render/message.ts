import type { ChatItem } from '../view-types';
import { renderCard } from './card';
import { esc, isObject } from './html';
import { formatDayTime } from './time';

export const BOT_NAME = '平时考核助手';

const TYPE_LABELS: Record<string, string> = {
  interactive: '卡片',
  text: '文本',
  post: '富文本',
  image: '图片',
  file: '文件',
  audio: '语音',
  media: '视频',
  sticker: '表情',
  share_chat: '群名片',
  share_user: '个人名片',
};

/** One conversation line: who, when (sandbox time) and what kind above the bubble, never over it. */
export function renderChatItem(item: ChatItem, senderName: string): string {
  const mine = item.from === 'user';
  const meta = [esc(senderName), formatDayTime(item.at), TYPE_LABELS[item.msgType] ?? esc(item.msgType)];
  if (item.updates > 0) meta.push(`已更新${item.updates > 1 ? ` ${item.updates} 次` : ''}`);
  const avatar = `<div class="avatar${mine ? ' avatar-user' : ''}" aria-hidden="true">${esc(mine ? senderName.slice(-2) : '考')}</div>`;
  return (
    `<div class="msg${mine ? ' msg-mine' : ''}" data-message-id="${esc(item.id)}">${avatar}` +
    `<div class="msg-main"><div class="msg-meta">${meta.map((m) => `<span>${m}</span>`).join('')}</div>${bubble(item)}</div></div>`
  );
}

function bubble(item: ChatItem): string {
  const content = item.content;
  if (item.msgType === 'interactive') return renderCard(content);
  if (item.msgType === 'text' && isObject(content) && typeof content.text === 'string') {
    return `<div class="bubble">${esc(content.text.replace(/<at [^>]*>([^<]*)<\/at>/g, '@$1'))}</div>`;
  }
  return `<div class="bubble">[${esc(TYPE_LABELS[item.msgType] ?? item.msgType)}消息]</div>`;
}
