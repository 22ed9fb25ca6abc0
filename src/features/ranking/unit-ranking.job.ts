import { draftDueRankings } from '../../core/ranking/draft.service';
import { monthOfDraftDue } from '../../core/ranking/ranking-period';
import { defineJob } from '../../jobs/define-job';

/**
 * 评优评差 drafts: `draft_after_workdays` after the first workday of the next month (the monthly
 * grading is in by then), every configured period ending with the month — 月度评价, and at quarter
 * and half-year ends 季度通报 and 半年检查 — with review cards to the city admins. Nothing is
 * announced until an admin publishes.
 */
export default defineJob({
  name: 'unit-ranking',
  describe: '单位评优评差：生成排名草稿并发送审核卡片',
  cron: '0,30 * * * *',
  periodAt: (deps) => monthOfDraftDue(deps.clock.now(), deps.calendar, deps.rules),
  run: (deps, monthKey) => draftDueRankings(deps, monthKey),
});
