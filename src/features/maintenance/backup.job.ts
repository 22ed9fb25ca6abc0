import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { backupSettings } from '../../config/env';
import { shanghaiDate } from '../../core/calendar/periods';
import { defineJob } from '../../jobs/define-job';

const COPY = /^pingshi-\d{4}-\d{2}-\d{2}\.db$/;

/**
 * SQLite only: a consistent copy with VACUUM INTO; PostgreSQL deployments back up with pg_dump.
 * The newest PINGSHI_BACKUP_KEEP copies (14; 0 keeps every one) stay, older ones are deleted.
 */
export default defineJob({
  name: 'backup',
  describe: '每日数据库备份（SQLite）',
  cron: '30 2 * * *',
  periodAt: (deps) => shanghaiDate(deps.clock.now()),
  async run(deps, periodKey) {
    const adapter = deps.db.getExecutor().adapter.constructor.name;
    if (adapter === 'PostgresAdapter') return 'PostgreSQL 请使用 pg_dump 备份，本任务跳过';
    const { dir, keep } = backupSettings();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `pingshi-${periodKey}.db`);
    // VACUUM INTO refuses an existing file; write beside it and swap, so a half-written copy never wins.
    const partial = `${file}.partial`;
    if (existsSync(partial)) rmSync(partial);
    await sql`vacuum into ${partial}`.execute(deps.db);
    renameSync(partial, file);
    const old = keep > 0 ? readdirSync(dir).filter((f) => COPY.test(f)).sort().slice(0, -keep) : [];
    for (const f of old) rmSync(join(dir, f));
    return `已备份到 ${file}${old.length ? `；删除 ${old.length} 份更早的备份（保留最近 ${keep} 份）` : ''}`;
  },
});
