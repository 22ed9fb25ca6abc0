import { api } from './api';
import { fitTextarea, formValues, missingRequired, refreshConversation } from './conversation';
import { actor } from './state';
import { toast } from './toast';

/** Clicks, form submits, table paging and input counters inside the cards, by event delegation. */
export function wireCards(box: HTMLElement, afterAct: () => Promise<void>): void {
  box.addEventListener('click', (ev) => {
    const target = ev.target as HTMLElement;
    const pageStep = target.closest<HTMLButtonElement>('[data-page-step]');
    if (pageStep) return turnPage(pageStep);
    const button = target.closest<HTMLButtonElement>('button[data-button]');
    if (button) void press(button, afterAct);
  });
  box.addEventListener('input', (ev) => {
    const el = ev.target as HTMLElement;
    if (el instanceof HTMLTextAreaElement) fitTextarea(el);
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      const counter = el.closest('.c-field')?.querySelector('.c-count');
      if (counter && el.maxLength > 0) counter.textContent = `${el.value.length}/${el.maxLength}`;
      el.closest('.c-field')?.classList.remove('c-invalid');
    }
  });
  box.addEventListener('submit', (ev) => ev.preventDefault());
}

async function press(button: HTMLButtonElement, afterAct: () => Promise<void>): Promise<void> {
  const who = actor();
  if (!who) return toast('请先在左侧选择人员，或在群聊里选择发言人', 'warning');
  if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
  if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
  const form = button.closest<HTMLFormElement>('form.c-form');
  if (form && button.dataset.formAction === 'reset') return form.reset();
  const submit = form && button.dataset.formAction === 'submit';
  if (submit) {
    const missing = missingRequired(form);
    if (missing.length) return toast(`请填写：${missing.join('、')}`, 'warning');
  }
  if (button.dataset.value === undefined && !submit) return;
  const messageId = button.closest<HTMLElement>('[data-message-id]')?.dataset.messageId;
  const label = button.textContent ?? '';
  button.disabled = true;
  button.textContent = '处理中…';
  try {
    const r = await api.act({
      kind: 'click',
      openId: who.open_id,
      messageId,
      value: button.dataset.value ? JSON.parse(button.dataset.value) : null,
      name: button.dataset.name ?? '',
      ...(submit ? { formValue: formValues(form) } : {}),
    });
    if (r.toast) toast(r.toast.content, r.toast.type);
    else if (r.error) toast(r.error, 'error');
  } catch (e) {
    toast((e as Error).message, 'error');
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
  await afterAct();
  await refreshConversation();
}

function turnPage(step: HTMLButtonElement): void {
  const table = step.closest<HTMLElement>('.c-table')!;
  const pages = Number(step.closest<HTMLElement>('.c-pager')?.dataset.pages ?? 1);
  const now = Math.min(Math.max(Number(table.dataset.pageNow ?? 0) + Number(step.dataset.pageStep), 0), pages - 1);
  table.dataset.pageNow = String(now);
  table.querySelectorAll<HTMLElement>('tr[data-page]').forEach((tr) => (tr.hidden = Number(tr.dataset.page) !== now));
  table.querySelector('.c-page-no')!.textContent = `${now + 1} / ${pages}`;
  table.querySelectorAll<HTMLButtonElement>('[data-page-step]').forEach((b) => (b.disabled = (Number(b.dataset.pageStep) < 0 ? now === 0 : now === pages - 1)));
}
