import { loadConfig } from '../config/env';
import { loadRules } from '../config/load-rules';
import { shanghaiDate } from '../core/calendar/periods';
import { createWorkCalendar, type WorkCalendar } from '../core/calendar/work-calendar';
import { migrateToLatest, openStore, pingDatabase } from '../db/connect';
import { redactText, redactUrl, secretsOf } from '../io/redact';
import { LarkApi } from '../lark/lark-api';
import { clockDoctorCheck } from '../lark/limiter-clock';
import { outboxDoctorCheck } from '../lark/outbox-health';
import type { Io } from './context';

type Check = { ok: boolean; warn?: boolean; text: string };

/**
 * Checks config, rules, database, calendar data and Lark reachability; each problem says what to do.
 * Nothing it prints shows a password or secret, even when a driver quotes one in an error.
 */
export async function doctor(io: Io, now = new Date()): Promise<number> {
  const checks: Check[] = [];
  let config;
  try {
    config = loadConfig();
    checks.push({ ok: true, text: config.sandbox ? '配置：沙箱模式（未设置任何 LARK_* 变量）' : `配置：应用 ${config.appId}，开放平台 ${config.baseUrl}` });
  } catch (e) {
    checks.push({ ok: false, text: `配置：${(e as Error).message}` });
  }
  let rules;
  try {
    rules = loadRules(config?.rulesPath);
    checks.push({ ok: true, text: `规则：${config?.rulesPath ?? '内置默认值'}` });
  } catch (e) {
    checks.push({ ok: false, text: `规则：${(e as Error).message}` });
  }
  if (config) {
    const shownUrl = redactUrl(config.databaseUrl);
    const store = openStore(config.databaseUrl);
    try {
      const ok = await pingDatabase(store.db);
      if (ok) await migrateToLatest(store.db);
      checks.push(ok ? { ok, text: `数据库：${shownUrl} 可用，结构已是最新` } : { ok, text: `数据库：${shownUrl} 无法连接，请检查 DATABASE_URL 与数据库服务` });
      if (ok) {
        checks.push(await outboxDoctorCheck(store.db));
        const clock = await clockDoctorCheck(store.db);
        if (clock) checks.push(clock);
      }
    } catch (e) {
      checks.push({ ok: false, text: `数据库：${(e as Error).message}` });
    } finally {
      await store.close();
    }
  }
  if (rules) checks.push(...calendarChecks(createWorkCalendar(rules.calendar), now));
  if (config && !config.sandbox) {
    const bot = await new LarkApi({ appId: config.appId, appSecret: config.appSecret, baseUrl: config.baseUrl, timeoutMs: 5000 }).botOpenId();
    checks.push(bot ? { ok: true, text: `飞书：已连通，机器人 ${bot}` } : { ok: false, text: `飞书：无法用该应用凭证访问 ${config.baseUrl}，请检查 LARK_APP_ID / LARK_APP_SECRET、网络与机器人能力是否开启` });
  }
  const secrets = config ? secretsOf(config) : [];
  for (const c of checks) io.out.write(`${c.ok ? (c.warn ? '⚠' : '✔') : '✘'} ${redactText(c.text, secrets)}\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

/**
 * This year's and next year's schedule. A year is ready only with both its holidays and its make-up
 * workdays; without them the jobs that need its days wait (and alert the admins) rather than guess.
 * Next year is a warning from November, when the State Council usually publishes it, and an error
 * from 20 December, when the weekly cycle starts to need it.
 */
function calendarChecks(calendar: WorkCalendar, now: Date): Check[] {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const fix = '请升级 chinese-days，或在规则文件 calendar.extra_holidays（放假日期）与 calendar.extra_workdays（调休上班日期）中补录，两项都要录入';
  return [year, year + 1].map((y) => {
    if (calendar.hasDataForYear(y)) return { ok: true, text: `节假日：${y} 年放假与调休安排已就绪` };
    if (y === year) return { ok: false, text: `节假日：缺少 ${y} 年放假或调休安排，依赖这些日期的定时任务已暂停等待。${fix}` };
    const urgent = today.slice(5) >= '12-20';
    return {
      ok: !urgent,
      warn: today.slice(5) >= '11-01',
      text: `节假日：尚无 ${y} 年放假或调休安排${urgent ? '，跨年的周记与提醒任务即将暂停等待' : '（国务院通常在 11 月前后公布）'}。公布后${fix}`,
    };
  });
}
