/** Feishu-like toasts (success / error / warning / info) that fade after a few seconds. */
export function toast(content: string, type = 'info'): void {
  const box = document.getElementById('toasts');
  if (!box || !content) return;
  const el = document.createElement('div');
  el.className = `toast toast-${['success', 'error', 'warning'].includes(type) ? type : 'info'}`;
  el.setAttribute('role', 'status');
  el.textContent = content;
  box.append(el);
  setTimeout(() => el.classList.add('toast-out'), 3600);
  setTimeout(() => el.remove(), 4000);
}
