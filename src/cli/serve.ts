import { freePort } from '../io/free-port';
import { App } from '../app';
import type { Config } from '../config/env';
import { loadRules } from '../config/load-rules';
import { MovableClock } from '../core/clock';
import { applyOrgSnapshot } from '../core/org/org.service';
import { ORG_COLUMNS, parseOrgRows } from '../core/org/org-snapshot';
import { createLogger, heldDestination } from '../io/log';
import { redactUrl, secretsOf } from '../io/redact';
import { readTableFromString } from '../io/table-file';
import { demoOrgCsv, SANDBOX_CREDENTIALS, startDemoSandbox, type DemoSandbox } from '../sandbox';
import { attachConsoleHooks } from '../sandbox/console/hooks';
import type { Io } from './context';
import { sandboxConsoleHooks } from './sandbox-console';

export interface ServeOptions {
  /** Sandbox mode: where the movable clock starts (default: now); tests start at a fixed day. */
  sandboxStart?: Date;
}

/**
 * `npm start`: the real bot, or, with no LARK_* variable at all, the bot against the built-in sandbox
 * and a demo organisation, listening on 127.0.0.1 only (its keys are public).
 */
export async function serve(config: Config, io: Io, opts: ServeOptions = {}): Promise<() => Promise<void>> {
  // In sandbox mode a person reads the terminal: the banner owns stdout and comes first; the JSON logs
  // go to stderr after it. A real deployment's stdout is for its log collector, so there the JSON logs
  // own stdout and the start line goes to stderr.
  const logTo = config.sandbox ? heldDestination(2) : null;
  try {
    return await startServing(config, io, opts, logTo);
  } finally {
    logTo?.open();
  }
}

async function startServing(config: Config, io: Io, opts: ServeOptions, logTo: { write(line: string): void } | null): Promise<() => Promise<void>> {
  const log = createLogger(config.logLevel, secretsOf(config), logTo ?? 1);
  const rules = loadRules(config.rulesPath);
  let sandbox: DemoSandbox | null = null;
  let effective = config;
  // Sandbox mode has one clock that the console moves: commands, jobs and the stand-in's message times all read it.
  const startAt = () => opts.sandboxStart ?? new Date();
  const clock = config.sandbox ? new MovableClock(startAt()) : undefined;
  if (config.sandbox) {
    const port = config.port || (await freePort());
    sandbox = await startDemoSandbox({
      eventsUrl: `http://127.0.0.1:${port}/lark/events`,
      cardsUrl: `http://127.0.0.1:${port}/lark/cards`,
      port: config.sandboxPort,
      ...(clock ? { now: () => clock.now().getTime() } : {}),
    });
    effective = { ...config, port, ...SANDBOX_CREDENTIALS, baseUrl: sandbox.url };
  }
  const app = await App.create({ config: effective, rules, log, ...(clock ? { clock } : {}) });
  if (sandbox && clock) {
    await seedDemoOrg(app);
    attachConsoleHooks(sandbox.sandbox, sandboxConsoleHooks(app, clock, { start: startAt, seed: () => seedDemoOrg(app) }));
  }
  const url = await app.start(effective.port);
  if (sandbox) {
    io.out.write(
      [
        '平时考核助手已在沙箱模式启动（未设置任何 LARK_* 变量，使用内置的飞书开放平台模拟服务与示例组织，仅本机可访问）。',
        `  机器人：${url}（事件 /lark/events，卡片回调 /lark/cards，健康检查 /healthz）`,
        `  控制台：${sandbox.consoleUrl}  ← 用浏览器打开，以示例人员身份发消息、点卡片按钮，用顶部的时钟把时间拨到周五、下月、季度审定日`,
        `  数据库：${redactUrl(config.databaseUrl)}`,
        '  试试：在控制台选一位人员，发送“帮助”。接入真实飞书请设置 LARK_APP_ID 等环境变量（见 README）。',
        '',
      ].join('\n'),
    );
  } else {
    // stdout carries only JSON log lines here (a collector reads it); the line a person reads goes to stderr.
    io.err.write(`平时考核助手已启动：${url}（事件 /lark/events，卡片回调 /lark/cards）\n`);
  }
  return async () => {
    await app.stop();
    await sandbox?.stop();
  };
}

async function seedDemoOrg(app: App): Promise<void> {
  const count = await app.deps.db.selectFrom('people').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  if (Number(count?.n ?? 0) > 0) return;
  const { rows } = await readTableFromString(demoOrgCsv(), { columns: ORG_COLUMNS });
  const { snapshot } = parseOrgRows(rows);
  await applyOrgSnapshot(app.deps.db, app.deps.clock, snapshot, { source: 'import', actor: 'sandbox', deactivate: 'missing-in-listed-units' });
}
