import { esc } from '../render/html';
import { formatDayTime, formatFullTime, fromLocalInput, toLocalInput } from '../render/time';
import type { ClockMove, ClockState } from '../view-types';
import { api } from './api';
import { toast } from './toast';

let clock: ClockState | null = null;
/** performance.now() when `clock.now` was read: the sandbox clock keeps running at wall speed. */
let readAt = 0;

const nowMs = () => (clock ? Date.parse(clock.now) + (performance.now() - readAt) : Date.now());

export async function loadClock(): Promise<void> {
  clock = await api.clock();
  readAt = performance.now();
  const bar = document.getElementById('topbar')!;
  bar.classList.toggle('fixed', !clock.movable);
  document.getElementById('clock-targets')!.innerHTML = clock.targets
    .map((t) => `<button type="button" class="target" data-at="${esc(t.at)}"><span class="t-label">${esc(t.label)}</span><span class="t-hint">${esc(t.hint)}</span></button>`)
    .join('');
  const input = document.getElementById('clock-input') as HTMLInputElement;
  input.min = toLocalInput(nowMs());
  if (!input.value || input.value < input.min) input.value = toLocalInput(Date.parse(clock.targets[0]?.at ?? clock.now));
  tick();
}

function tick(): void {
  document.getElementById('clock-now')!.textContent = clock?.movable ? formatFullTime(nowMs()) : `${formatFullTime(nowMs())}（真实时间，未连接机器人，不能拨动）`;
}

export function wireClock(afterMove: () => Promise<void>): void {
  setInterval(tick, 1000);
  const bar = document.getElementById('topbar')!;
  const move = async (to: string) => {
    bar.classList.add('busy');
    showReport('<p class="report-busy">正在拨动时钟，并依次执行期间到期的定时任务……</p>');
    try {
      const result = await api.moveClock(to);
      showReport(reportHtml(result));
    } catch (e) {
      hideReport();
      toast((e as Error).message, 'error');
    } finally {
      bar.classList.remove('busy');
      await loadClock();
      await afterMove();
    }
  };
  document.getElementById('clock-targets')!.addEventListener('click', (ev) => {
    const at = (ev.target as HTMLElement).closest<HTMLElement>('[data-at]')?.dataset.at;
    if (at && !bar.classList.contains('busy')) void move(at);
  });
  document.getElementById('clock-custom')!.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = (document.getElementById('clock-input') as HTMLInputElement).value;
    if (value && !bar.classList.contains('busy')) void move(fromLocalInput(value));
  });
  document.getElementById('reset')!.addEventListener('click', async () => {
    if (!window.confirm('重置沙箱：清空所有消息、周记和考核记录，恢复示例组织，时钟回到起点。确定吗？')) return;
    try {
      await api.reset();
      hideReport();
      toast('沙箱已重置', 'success');
    } catch (e) {
      toast((e as Error).message, 'error');
    }
    await loadClock();
    await afterMove();
  });
  document.getElementById('report')!.addEventListener('click', (ev) => {
    if ((ev.target as HTMLElement).closest('[data-close-report]')) hideReport();
  });
}

function reportHtml(r: ClockMove): string {
  const head = `<strong>已拨到 ${esc(formatFullTime(Date.parse(r.now)))}</strong>`;
  const close = '<button type="button" class="report-close" data-close-report aria-label="关闭">关闭</button>';
  if (r.runs.length === 0) return `<div class="report-head">${head}${close}</div><p>期间没有到期的定时任务。</p>`;
  const rows = r.runs.map(
    (x) =>
      `<li${x.failed ? ' class="failed"' : ''}><time>${esc(formatDayTime(Date.parse(x.at)))}</time> <b>${esc(x.title)}</b>${x.period ? ` · <span class="period">${esc(x.period)}</span>` : ''}：${esc(x.summary)}</li>`,
  );
  return `<div class="report-head">${head}，期间依次执行了 ${r.runs.length} 项定时任务：${close}</div><ol>${rows.join('')}</ol><p class="report-tip">左侧数字表示新消息，点开人员即可查看。</p>`;
}

function showReport(html: string): void {
  const box = document.getElementById('report')!;
  box.innerHTML = html;
  box.hidden = false;
}

function hideReport(): void {
  document.getElementById('report')!.hidden = true;
}
