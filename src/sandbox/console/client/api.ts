import type { SandboxOrg } from '../../org';
import type { ActResult, ChatItem, ClockMove, ClockState, Summary } from '../view-types';

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(data.error ?? `请求失败（HTTP ${res.status}）`);
  return data;
}

export const api = {
  org: () => call<SandboxOrg>('/sandbox/org'),
  summary: () => call<Summary>('/sandbox/console/summary'),
  conversation: (withId: string) => call<{ items: ChatItem[] }>(`/sandbox/console/conversation?with=${encodeURIComponent(withId)}`).then((r) => r.items),
  clock: () => call<ClockState>('/sandbox/clock'),
  moveClock: (to: string) => call<ClockMove>('/sandbox/clock', { to }),
  reset: () => call<{ ok: boolean }>('/sandbox/reset', {}),
  act: (body: Record<string, unknown>) => call<ActResult>('/sandbox/act', body),
};
