import { parseArgs } from 'node:util';
import type { App } from '../app';
import { ConfigError, loadConfig } from '../config/env';
import { ERROR_PRESENTATION, invalidInput, isDomainError } from '../core/errors';
import { changeOrg } from '../core/org/org-change.service';
import { snapshotFromDirectory } from '../core/org/directory-snapshot';
import { reportOrgOutcome } from '../features/org/org-cli-report';
import { RulesError } from '../core/rules/rules';
import { openApp, type Io } from './context';
import { doctor } from './doctor';
import { exportLedger } from './export';
import { importFile } from './import-file';
import { runJobCommand } from './run-job';
import { requeueGivenUp } from '../lark/outbox-health';
import { serve } from './serve';
import { redactText, secretsOf } from '../io/redact';

/** What the environment holds that must never be printed (the config may be what failed to load). */
const secretsFromEnv = () =>
  secretsOf({
    appSecret: process.env.LARK_APP_SECRET ?? '',
    encryptKey: process.env.LARK_ENCRYPT_KEY ?? '',
    verificationToken: process.env.LARK_VERIFICATION_TOKEN ?? '',
    databaseUrl: process.env.DATABASE_URL ?? '',
  });

const USAGE = `用法：pingshi <命令>
  serve                                   启动机器人（npm start）
  migrate                                 升级数据库结构
  sync-org [--confirm]                    从飞书通讯录同步组织与人员
  import org|training|leave|sanctions|indicators FILE [--skip-bad] [--confirm]
                                          停用超过 10% 的在职人员时先列出名单并停止，
                                          核对无误后加 --confirm 重新运行
  run-job NAME [--at ISO-8601]            立即执行一个定时任务
  export WHAT --period KEY [--format csv|xlsx] [--out FILE]
  outbox retry [--all]                    重新发送已放弃的消息（--all 连同被飞书拒收的）
  doctor                                  检查配置、数据库与飞书连通性`;

export type CliValues = Record<string, string | boolean | undefined>;

/** Returns the exit code; errors print one line that says what to do (a DomainError's code picks the exit code). */
export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'skip-bad': { type: 'boolean', default: false },
      confirm: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: false,
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    io.out.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  try {
    switch (command) {
      case 'serve':
        return await serveUntilSignal(io);
      case 'doctor':
        return await doctor(io);
      default:
        return await oneShot(command, rest, values, io);
    }
  } catch (e) {
    if (isDomainError(e)) {
      io.err.write(`${e.message}\n`);
      return ERROR_PRESENTATION[e.code].exitCode;
    }
    if (e instanceof ConfigError || e instanceof RulesError) {
      io.err.write(`${e.message}\n`);
      return 1;
    }
    // An unexpected error may quote a connection string or a token: scrub before it reaches a terminal.
    io.err.write(`出错了：${redactText(e instanceof Error ? (e.stack ?? e.message) : String(e), secretsFromEnv())}\n`);
    return 2;
  }
}

/**
 * SIGTERM (or Ctrl-C) stops gracefully: no new requests, running work finishes or gives its claims
 * back, the pool closes, exit 0. Should anything still hold the process after that, it exits anyway.
 */
async function serveUntilSignal(io: Io): Promise<number> {
  const stop = await serve(loadConfig(), io);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  io.err.write(`收到 ${signal}：停止接收请求，完成正在处理的工作后退出。\n`);
  // A repeated SIGTERM must not cut the stop short; a second Ctrl-C means "now".
  const again = () => io.err.write('正在停止，请稍候。\n');
  process.on('SIGTERM', again);
  process.once('SIGINT', () => process.exit(130));
  await stop();
  process.off('SIGTERM', again);
  setTimeout(() => process.exit(process.exitCode ?? 0), 5000).unref();
  return 0;
}

const ONE_SHOT: Record<string, (app: App, rest: string[], values: CliValues, io: Io) => Promise<number>> = {
  migrate: async (_app, _rest, _values, io) => {
    io.out.write('数据库结构已是最新。\n');
    return 0;
  },
  'sync-org': async (app, _rest, values, io) => {
    const snapshot = await snapshotFromDirectory(app.deps.directory);
    const outcome = await changeOrg(app.deps, snapshot, { source: 'sync', caller: null, actor: 'cli', confirmed: Boolean(values.confirm) });
    reportOrgOutcome(io, outcome, '同步完成');
    return 0;
  },
  import: async (app, rest, values, io) => {
    await importFile(app, rest, { skipBad: Boolean(values['skip-bad']), confirm: Boolean(values.confirm) }, io);
    await sendQueued(app, io);
    return 0;
  },
  'run-job': async (app, rest, values, io) => {
    const code = await runJobCommand(app, rest[0], values.at, io);
    await sendQueued(app, io);
    return code;
  },
  outbox: async (app, rest, values, io) => {
    if (rest[0] !== 'retry') throw invalidInput('用法：pingshi outbox retry [--all]');
    const n = await requeueGivenUp(app.deps.db, app.deps.clock.now(), { includeRefused: Boolean(values.all) });
    io.out.write(n > 0 ? `已重新排队 ${n} 条消息。\n` : `没有需要重新发送的消息${values.all ? '' : '（被飞书拒收的消息需加 --all）'}。\n`);
    await sendQueued(app, io);
    return 0;
  },
  export: async (app, rest, values, io) => {
    const what = rest[0];
    if (!what) throw invalidInput('用法：pingshi export WHAT --period KEY [--format csv|xlsx] [--out FILE]');
    await exportLedger(app, what, { period: values.period as string | undefined, format: values.format as string | undefined, out: values.out as string | undefined }, io);
    return 0;
  },
};

async function oneShot(command: string, rest: string[], values: CliValues, io: Io): Promise<number> {
  const run = ONE_SHOT[command];
  if (!run) throw invalidInput(`未知命令 ${command}\n${USAGE}`);
  const app = await openApp();
  try {
    return await run(app, rest, values, io);
  } finally {
    await app.stop();
  }
}

/**
 * In sandbox mode the stand-in lives inside `serve`, which sends what we queued. Otherwise send now;
 * whatever cannot go out in time stays queued for the running bot (claims prevent a double send).
 */
async function sendQueued(app: App, io: Io): Promise<void> {
  if (app.config.sandbox) return;
  try {
    await app.outbox.drain(60_000);
  } catch {
    io.err.write('部分消息尚未发出，已保存在发送队列中，运行中的机器人会继续发送。\n');
  }
}
