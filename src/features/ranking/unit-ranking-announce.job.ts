import { announceDue } from '../../core/ranking/announce.service';
import { announceDayAt } from '../../core/ranking/calm';
import { defineJob } from '../../jobs/define-job';

/**
 * Rankings published outside working hours wait for the next workday morning; this job sends them
 * once the announce window opens (and catches up later that day after downtime).
 */
export default defineJob({
  name: 'unit-ranking-announce',
  describe: '发送非工作时间发布的排名通报（下一个工作日上午）',
  cron: '*/30 * * * *',
  periodAt: (deps) => announceDayAt(deps.clock.now(), deps.calendar, deps.rules.unit_rating.announce_window),
  run: (deps) => announceDue(deps),
});
