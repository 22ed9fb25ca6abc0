import { quarterOfCloseDue } from '../../core/calendar/schedule';
import { closeQuarter } from '../../core/quarterly/close.service';
import { defineJob } from '../../jobs/define-job';

/**
 * 季审定: quarterly.close_after_workdays workdays after the first workday following the quarter
 * (at quarterly.close_time, once the last month is normally graded), proposals for every unit
 * and one determination card per same-level pool to each unit's 考核管理员. Cron only looks
 * twice an hour; the period and the job_runs claim decide whether anything is due.
 */
export default defineJob({
  name: 'quarter-close',
  describe: '季度审定：生成季度建议等次并发送审定卡片',
  cron: '0,30 * * * *',
  periodAt: (deps) => quarterOfCloseDue(deps.clock.now(), deps.calendar, deps.rules),
  run: (deps, quarterKey) => closeQuarter(deps, quarterKey),
});
