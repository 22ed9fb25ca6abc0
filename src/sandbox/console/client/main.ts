import { api } from './api';
import { wireCards } from './card-actions';
import { loadClock, wireClock } from './clock-bar';
import { renderComposer, wireComposer } from './composer';
import { refreshConversation, renderHead, wireScrolling } from './conversation';
import { renderSidebar } from './sidebar';
import { state } from './state';

/** The sandbox console: pick a person or group chat, act as them, and move the sandbox clock. */

let version = '';

/** Polls the cheap summary; redraws the badges and the open conversation only when something changed. */
async function poll(force = false): Promise<void> {
  const s = await api.summary();
  if (!force && s.version === version) return;
  version = s.version;
  state.counts = s.counts;
  await refreshConversation();
  renderSidebar();
}

function open(id: string): void {
  state.open = id;
  document.body.classList.remove('drawer-open');
  renderHead();
  renderComposer();
  renderSidebar();
  void refreshConversation(true).then(renderSidebar);
}

async function boot(): Promise<void> {
  state.org = await api.org();
  const afterAct = () => poll(true);
  wireCards(document.getElementById('messages')!, afterAct);
  wireScrolling(document.getElementById('messages')!);
  wireComposer(afterAct);
  wireClock(afterAct);
  document.getElementById('sidebar')!.addEventListener('click', (ev) => {
    const id = (ev.target as HTMLElement).closest<HTMLElement>('[data-open]')?.dataset.open;
    if (id) open(id);
  });
  // On a phone the people list is a drawer: the button opens it, a tap beside it closes it.
  document.addEventListener('click', (ev) => {
    const target = ev.target as HTMLElement;
    if (target.closest('#drawer-toggle')) document.body.classList.toggle('drawer-open');
    else if (!target.closest('#sidebar')) document.body.classList.remove('drawer-open');
  });
  renderHead();
  renderComposer();
  await loadClock();
  await poll(true);
  setInterval(() => void poll().catch(() => undefined), 1500);
}

void boot();
