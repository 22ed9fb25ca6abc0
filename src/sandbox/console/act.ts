import type { DeliveryResult } from '../driver';
import { isRecord } from '../http-util';
import type { ConsoleHooks, ConsoleSandbox } from './hooks';
import { recordSaid } from './state';
import type { ActResult } from './view-types';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Acts as a person through the attached LarkDriver, so it arrives signed and encrypted like Lark's
 * own events: a text (p2p, or @bot in a group chat), a bot-menu tap, or a card click / form submit.
 * With the bot's hooks it answers once the bot has replied, so the page shows the reply at once.
 */
export async function act(sb: ConsoleSandbox, b: unknown, hooks: ConsoleHooks | undefined): Promise<{ status: number; body: ActResult | { error: string } }> {
  const driver = sb.driver;
  if (!driver) return { status: 409, body: { error: '未连接事件投递器（attachDriver）' } };
  if (!isRecord(b) || !str(b.openId)) return { status: 400, body: { error: '请先选择以谁的身份操作（openId）' } };
  const openId = b.openId as string;
  let result: DeliveryResult;
  if (b.kind === 'text' && typeof b.text === 'string') {
    const chatId = str(b.chatId);
    const delivery = driver.sendText(openId, b.text, chatId ? { chatType: 'group', chatId } : {});
    recordSaid(sb, { openId, chatId: chatId ?? '', group: Boolean(chatId), text: b.text, at: hooks?.now().getTime() ?? Date.now() });
    result = await delivery;
  } else if (b.kind === 'menu' && str(b.eventKey)) {
    result = await driver.menu(openId, b.eventKey as string);
  } else if (b.kind === 'click' && str(b.messageId)) {
    result = await driver.clickCard(openId, {
      messageId: b.messageId as string,
      ...(b.value !== undefined && b.value !== null ? { value: b.value } : {}),
      ...(isRecord(b.formValue) ? { formValue: b.formValue } : {}),
      ...(str(b.name) ? { name: b.name as string } : {}),
    });
  } else {
    return { status: 400, body: { error: 'kind 应为 text、menu 或 click，并带上相应字段' } };
  }
  await hooks?.settle();
  return { status: 200, body: actResult(result) };
}

function actResult(r: DeliveryResult): ActResult {
  const answer = isRecord(r.body) ? r.body : {};
  const toast = isRecord(answer.toast) ? answer.toast : undefined;
  return {
    status: r.status,
    ...(toast ? { toast: { type: String(toast.type ?? 'info'), content: toastText(toast) } } : {}),
    ...(r.status === 200 ? {} : { error: r.status === 0 ? '机器人没有应答（超时或未启动）' : `机器人应答 HTTP ${r.status}` }),
  };
}

/** Lark toasts carry `content` or per-language `i18n`. */
function toastText(toast: Record<string, unknown>): string {
  if (typeof toast.content === 'string') return toast.content;
  const i18n = isRecord(toast.i18n) ? toast.i18n : {};
  return String(i18n.zh_cn ?? Object.values(i18n)[0] ?? '');
}
