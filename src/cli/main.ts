import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env';
import { RulesError } from '../core/rules/rules';
import { isDomainError } from '../core/errors';
import { applyOrgSnapshot, describeApplyResult } from '../core/org/org.service';
import { snapshotFromDirectory } from '../core/org/org-snapshot';
import { findJob, jobs, PLANNED_JOBS } from '../jobs';
import { runJob } from '../jobs/runner';
import { CliError, openApp, type Io } from './context';
import { doctor } from './doctor';
import { exportLedger } from './export';
import { importOrg } from '../features/org/org.importer';
import { serve } from './serve';
import type { App } from '../app';
import { importers } from './importers';

const USAGE = `用法：pingshi <命令>
  serve                                   启动机器人（npm start）
  migrate                                 升级数据库结构
  sync-org                                从飞书通讯录同步组织与人员
  import org|training|leave FILE [--skip-bad]
  run-job NAME [--at ISO-8601]            立即执行一个定时任务
  export WHAT --period KEY [--format csv|xlsx] [--out FILE]
  doctor                                  检查配置、数据库与飞书连通性`;

/** Returns the exit code; errors print one line that says what to do. */
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
      case 'serve': {
        const stop = await serve(loadConfig(), io);
        await new Promise<void>((resolve) => {
          const shutdown = () => resolve();
          process.once('SIGINT', shutdown);
          process.once('SIGTERM', shutdown);
        });
        await stop();
        return 0;
      }
      case 'doctor':
        return await doctor(io);
      default:
        return await oneShot(command, rest, values as Record<string, string | boolean | undefined>, io);
    }
  } catch (e) {
    if (e instanceof CliError || e instanceof ConfigError || e instanceof RulesError || isDomainError(e)) {
      io.err.write(`${(e as Error).message}\n`);
      return 1;
    }
    io.err.write(`出错了：${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 2;
  }
}

async function oneShot(command: string, rest: string[], values: Record<string, string | boolean | undefined>, io: Io): Promise<number> {
  if (!['migrate', 'sync-org', 'import', 'run-job', 'export'].includes(command)) throw new CliError(`未知命令 ${command}\n${USAGE}`);
  const app = await openApp();
  try {
    switch (command) {
      case 'migrate':
        io.out.write('数据库结构已是最新。\n');
        return 0;
      case 'sync-org': {
        const snapshot = await snapshotFromDirectory(app.deps.directory);
        const result = await applyOrgSnapshot(app.deps.db, app.deps.clock, snapshot, { source: 'sync', actor: 'cli', deactivate: 'all-missing' });
        io.out.write(`同步完成：${describeApplyResult(result)}\n`);
        return 0;
      }
      case 'import': {
        const [what, file] = rest;
        if (!what || !file) throw new CliError(`用法：pingshi import org|${Object.keys(importers).join('|')} FILE [--skip-bad]`);
        const skipBad = Boolean(values['skip-bad']);
        if (what === 'org') await importOrg(app, file, skipBad, io);
        else if (importers[what]) await importers[what]!(app, file, skipBad, io);
        else if (what === 'indicators') throw new CliError('单位指标导入属于评优评差功能，尚未实现。');
        else throw new CliError(`未知的导入类型 ${what}（可用：org, ${Object.keys(importers).join(', ')}）`);
        await sendQueued(app, io);
        return 0;
      }
      case 'run-job': {
        const name = rest[0];
        const job = name ? findJob(name) : undefined;
        if (!name || !job) {
          if (name && PLANNED_JOBS[name]) throw new CliError(`任务 ${name}（${PLANNED_JOBS[name]}）尚未实现。`);
          throw new CliError(`请指定任务名：${jobs.map((j) => j.name).join(', ')}`);
        }
        const at = typeof values.at === 'string' ? new Date(values.at) : new Date();
        if (Number.isNaN(at.getTime())) throw new CliError(`--at 不是有效的时间：${values.at}（示例：2026-11-20T15:00:00+08:00）`);
        const outcome = await runJob(app.deps, job, at);
        io.out.write(`${outcome.message}\n`);
        await sendQueued(app, io);
        return outcome.status === 'failed' ? 1 : 0;
      }
      case 'export': {
        const what = rest[0];
        if (!what) throw new CliError('用法：pingshi export WHAT --period KEY [--format csv|xlsx] [--out FILE]');
        await exportLedger(app, what, { period: values.period as string | undefined, format: values.format as string | undefined, out: values.out as string | undefined }, io);
        return 0;
      }
    }
    return 1;
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
