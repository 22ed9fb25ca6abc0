import { esc } from '../render/html';
import { BOT_NAME, renderChatItem } from '../render/message';
import { roleNames } from '../render/people';
import type { ChatItem } from '../view-types';
import { api } from './api';
import { actor, openChat, state, unitName, userById } from './state';

/** What is on screen per message, so a poll redraws only new or updated messages and typed input survives. */
let shown = new Map<string, number>();
let shownFor: string | null = null;
/** Whether the reader is at the newest message; a panel opening above must not unstick them. */
let stickToBottom = true;

export function wireScrolling(box: HTMLElement): void {
  box.addEventListener('scroll', () => (stickToBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80));
}

export function renderHead(): void {
  const head = document.getElementById('chat-head')!;
  const u = userById(state.open);
  const chat = openChat();
  if (u) head.innerHTML = `<strong>${esc(u.name)}</strong><span>${esc(unitName(u))} · ${esc(u.job_title)} · ${esc(roleNames(u))}</span><span class="head-note">与${BOT_NAME}的私聊</span>`;
  else if (chat) head.innerHTML = `<strong>${esc(chat.name)}</strong><span>群聊 · ${chat.members.length} 人</span><span class="head-note">以“发言人”的身份发言（自动 @机器人）、点击卡片</span>`;
  else head.innerHTML = '<strong>请选择左侧的人员或群聊</strong><span>以该人员的身份与机器人对话、填写和点击卡片</span>';
}

/** Fetches the open conversation and draws what changed; `reset` redraws everything (another conversation). */
export async function refreshConversation(reset = false): Promise<void> {
  const box = document.getElementById('messages')!;
  const id = state.open;
  if (!id) {
    box.innerHTML = '';
    return;
  }
  const items = await api.conversation(id);
  if (state.open !== id) return;
  if (reset || shownFor !== id) {
    shown = new Map();
    shownFor = id;
    box.innerHTML = '';
  }
  if (items.length > 0) box.querySelector('.empty')?.remove();
  // After a reset the sandbox forgets messages: forget them here too.
  const ids = new Set(items.map((i) => i.id));
  box.querySelectorAll<HTMLElement>('[data-message-id]').forEach((el) => {
    if (!ids.has(el.dataset.messageId!)) (el.remove(), shown.delete(el.dataset.messageId!));
  });
  let added = false;
  for (const item of items) {
    if (shown.get(item.id) === item.updates) continue;
    const html = renderChatItem(item, senderOf(item));
    const old = box.querySelector(`[data-message-id="${CSS.escape(item.id)}"]`);
    if (old) old.outerHTML = html;
    else {
      box.insertAdjacentHTML('beforeend', html);
      added = true;
    }
    shown.set(item.id, item.updates);
  }
  if (items.length === 0) box.innerHTML = '<div class="empty">还没有消息。可在下方输入“帮助”，或点“周记”等快捷指令。</div>';
  box.querySelectorAll<HTMLTextAreaElement>('textarea.c-textarea').forEach(fitTextarea);
  if (reset || (added && stickToBottom)) box.scrollTop = box.scrollHeight;
  state.seen[id] = state.counts[id] ?? 0;
}

function senderOf(item: ChatItem): string {
  return item.from === 'bot' ? BOT_NAME : (userById(item.senderOpenId ?? null)?.name ?? '我');
}

/** Multi-line inputs grow with their text up to max_rows, as Feishu's auto_resize does. */
export function fitTextarea(t: HTMLTextAreaElement): void {
  const maxRows = Number(t.dataset.maxRows ?? 12);
  const line = parseFloat(getComputedStyle(t).lineHeight) || 20;
  t.style.height = 'auto';
  t.style.height = `${Math.min(t.scrollHeight + 2, line * maxRows + 16)}px`;
}

/** A form's values as Lark sends them in `form_value`: text as typed, a select's value, dates with the zone. */
export function formValues(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[name]').forEach((el) => {
    if (el instanceof HTMLSelectElement) out[el.name] = el.multiple ? [...el.selectedOptions].map((o) => o.value) : el.value;
    else if (el instanceof HTMLInputElement && el.type === 'checkbox') out[el.name] = el.checked;
    else if (el instanceof HTMLInputElement && el.dataset.picker === 'date') out[el.name] = el.value ? `${el.value} +0800` : '';
    else out[el.name] = el.value;
  });
  return out;
}

/** Marks required fields left empty; Feishu refuses to submit such a form. */
export function missingRequired(form: HTMLFormElement): string[] {
  const missing: string[] = [];
  form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[required]').forEach((el) => {
    const empty = el.value.trim() === '';
    el.closest('.c-field')?.classList.toggle('c-invalid', empty);
    if (empty) missing.push(el.closest('.c-field')?.querySelector('.c-label')?.textContent?.replace(/^\*/, '') ?? el.name);
  });
  return missing;
}

export const actorName = (): string => actor()?.name ?? '';
