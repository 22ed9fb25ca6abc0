import { esc } from '../render/html';
import { api } from './api';
import { refreshConversation } from './conversation';
import { actor, openChat, state, userById } from './state';
import { toast } from './toast';

/** Bot-menu items (event_key = the English command name), as a person's chat shows them. */
const MENU: Array<[string, string]> = [
  ['help', '帮助'],
  ['log', '周记'],
  ['mylogs', '我的周记'],
  ['team', '团队'],
  ['review', '评鉴'],
  ['tier', '等次'],
  ['credits', '学分'],
  ['rank', '排名'],
  ['confirm', '审定'],
];

export function renderComposer(): void {
  const chat = openChat();
  const speaker = document.getElementById('speaker-wrap')!;
  speaker.hidden = !chat;
  if (chat) {
    if (!chat.members.some((m) => m.open_id === state.speaker)) state.speaker = chat.members[0]?.open_id ?? null;
    const options = chat.members.map((m) => `<option value="${esc(m.open_id)}"${m.open_id === state.speaker ? ' selected' : ''}>${esc(m.name)}</option>`);
    document.getElementById('speaker')!.innerHTML = options.join('');
  }
  const quick = document.getElementById('quick')!;
  quick.hidden = !userById(state.open);
  quick.innerHTML = MENU.map(([key, label]) => `<button type="button" class="chip" data-menu="${key}" title="机器人菜单：${label}">${label}</button>`).join('');
  (document.getElementById('composer') as HTMLFormElement).classList.toggle('disabled', !state.open);
}

export function wireComposer(afterAct: () => Promise<void>): void {
  const form = document.getElementById('composer') as HTMLFormElement;
  const text = document.getElementById('text') as HTMLTextAreaElement;
  const send = async () => {
    const who = actor();
    if (!who) return toast('请先在左侧选择人员或群聊', 'warning');
    const content = text.value.trim();
    if (!content) return;
    text.value = '';
    fit(text);
    const chat = openChat();
    await run(() => api.act({ kind: 'text', openId: who.open_id, text: content, ...(chat ? { chatId: chat.chatId } : {}) }), afterAct);
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void send();
  });
  text.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      void send();
    }
  });
  text.addEventListener('input', () => fit(text));
  document.getElementById('speaker')!.addEventListener('change', (ev) => (state.speaker = (ev.target as HTMLSelectElement).value));
  document.getElementById('quick')!.addEventListener('click', (ev) => {
    const key = (ev.target as HTMLElement).closest<HTMLElement>('[data-menu]')?.dataset.menu;
    const who = userById(state.open);
    if (key && who) void run(() => api.act({ kind: 'menu', openId: who.open_id, eventKey: key }), afterAct);
  });
}

async function run(action: () => Promise<{ error?: string; toast?: { content: string; type: string } }>, afterAct: () => Promise<void>): Promise<void> {
  try {
    const r = await action();
    if (r.error) toast(r.error, 'error');
  } catch (e) {
    toast((e as Error).message, 'error');
  }
  await afterAct();
  await refreshConversation();
}

function fit(t: HTMLTextAreaElement): void {
  t.style.height = 'auto';
  t.style.height = `${Math.min(t.scrollHeight + 2, 200)}px`;
}
