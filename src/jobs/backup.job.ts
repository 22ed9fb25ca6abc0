import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { shanghaiDate } from '../core/calendar/periods';
import { defineJob } from './define-job';

export const BACKUP_DIR = process.env.PINGSHI_BACKUP_DIR ?? './data/backups';

/** SQLite only: a consistent copy with VACUUM INTO; PostgreSQL deployments back up with pg_dump. */
export default defineJob({
  name: 'backup',
  describe: '每日数据库备份（SQLite）',
  cron: '30 2 * * *',
  periodAt: (_deps, at) => shanghaiDate(at),
  async run(deps, periodKey) {
    const adapter = deps.db.getExecutor().adapter.constructor.name;
    if (adapter === 'PostgresAdapter') return 'PostgreSQL 请使用 pg_dump 备份，本任务跳过';
    mkdirSync(BACKUP_DIR, { recursive: true });
    const file = join(BACKUP_DIR, `pingshi-${periodKey}.db`);
    await sql`vacuum into ${file}`.execute(deps.db);
    return `已备份到 ${file}`;
  },
});
