import { esc } from '../render/html';
import { roleNames, unitTree } from '../render/people';
import { chats, state } from './state';

/** People grouped by unit (with job title and roles in Chinese), then the group chats, with unread counts. */
export function renderSidebar(): void {
  const nav = document.getElementById('sidebar')!;
  const badge = (id: string) => {
    const n = (state.counts[id] ?? 0) - (state.seen[id] ?? 0);
    return n > 0 ? `<span class="badge" aria-label="${n} 条新消息">${n > 99 ? '99+' : n}</span>` : '';
  };
  const item = (id: string, title: string, sub: string, depth: number) =>
    `<button type="button" class="side-item${state.open === id ? ' active' : ''}" data-open="${esc(id)}" style="--depth:${depth}">` +
    `<span class="side-name">${esc(title)}</span>${badge(id)}<span class="side-sub">${esc(sub)}</span></button>`;
  let html = '<div class="side-section">人员</div>';
  for (const { unit, depth } of unitTree(state.org)) {
    html += `<div class="side-unit" style="--depth:${depth}">${esc(unit.name)}</div>`;
    for (const u of state.org.users.filter((x) => x.department_ids[0] === unit.department_id)) {
      html += item(u.open_id, u.name, `${u.job_title} · ${roleNames(u)}`, depth);
    }
  }
  html += '<div class="side-section">群聊</div>';
  for (const c of chats()) html += item(c.chatId, c.name, `${c.members.length} 人 · 机器人在群内`, 0);
  nav.innerHTML = html;
}
