import { shanghaiDate } from '../../core/calendar/periods';
import { checkpointKey } from '../../core/credits/checkpoint';
import { runCreditsCheckpoint } from '../../core/credits/checkpoint.service';
import { defineJob } from '../../jobs/define-job';
import { draftTrainingBulletin } from '../../core/ranking/draft.service';

/**
 * Looks every morning; from the checkpoint date on, the period (`2026-midyear`, `2026-yearend`) is due
 * and the runner lets it go out once, so a missed day is made up the next morning.
 */
export default defineJob({
  name: 'credits-checkpoint',
  describe: '学时进度提醒（年中与年底）',
  cron: '0 9 * * *',
  periodAt: (deps) => checkpointKey(shanghaiDate(deps.clock.now()), deps.rules.training),
  async run(deps, periodKey) {
    const r = await runCreditsCheckpoint(deps, periodKey);
    // The same checkpoint is the half-year / year-end 学时通报 (seed 002: 半年通报一次网上学习情况): a ranking draft for the admins to review and publish.
    // Nobody was there at the checkpoint (it passed before they joined): nothing to report either.
    if (r.notified + r.onTrack === 0) return '检查点早于人员加入时间，无需提醒或通报';
    const bulletin = await draftTrainingBulletin(deps, periodKey);
    return `提醒 ${r.notified} 人（进度正常 ${r.onTrack} 人），发送单位汇总 ${r.summaries} 份；${bulletin}`;
  },
});
