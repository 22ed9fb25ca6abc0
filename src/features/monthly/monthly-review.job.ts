import { monthlyGradingCard } from './monthly-form.card';
import { monthOfReviewDue } from '../../core/calendar/schedule';
import type { CoreDeps } from '../../core/deps';
import { ensureReview, gradeesOf } from '../../core/monthly/review.service';
import { loadGradingSheet } from '../../core/monthly/grading-sheet';
import { findActivePeople } from '../../core/org/people.repository';
import { defineJob } from '../../jobs/define-job';

/**
 * 月考核: on the first workday of a month each supervisor gets one grading card per direct report
 * for the month just ended. Re-running sends nothing twice: the row is created once and the card's
 * key names the month and person.
 */
export default defineJob({
  name: 'monthly-review',
  describe: '月度评鉴卡片（每月第一个工作日发给主管领导）',
  // Looks every 15 minutes; periodAt decides whether the month's review time has come.
  cron: '*/15 * * * *',
  periodAt: (deps) => monthOfReviewDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, monthKey) {
    let sent = 0;
    let graded = 0;
    const gradees = await gradeesOf(deps, { monthKey });
    for (const { person, leader } of gradees) {
      // The row and its card are one change: both exist, or (after a crash) neither does.
      const wasSent = await deps.db.transaction().execute(async (trx) => {
        const tdeps: CoreDeps = { ...deps, db: trx };
        const review = await ensureReview(tdeps, person, monthKey);
        if (review.status !== 'pending') return false;
        const card = monthlyGradingCard(await loadGradingSheet(tdeps, review, { people: [person] }));
        await deps.messengerFor(trx).send({ type: 'open_id', id: leader.openId }, { kind: 'card', card }, `monthly-review:${monthKey}:${person.openId}`);
        return true;
      });
      if (wasSent) sent++;
      else graded++;
    }
    const leaders = new Set(gradees.map((g) => g.leader.openId)).size;
    // Someone whose supervisor has left gets no card; say so, so the admin can fix the org data.
    const everyone = new Set((await gradeesOf(deps)).map((g) => g.person.openId));
    const orphans = (await findActivePeople(deps.db)).filter((p) => p.leaderOpenId && !everyone.has(p.openId));
    const orphanNote = orphans.length
      ? `；${orphans.length} 人的主管领导不在名单中，未发送：${orphans.slice(0, 10).map((p) => p.name).join('、')}${orphans.length > 10 ? '等' : ''}`
      : '';
    return `已向 ${leaders} 位主管领导发送 ${sent} 份月度评鉴卡片${graded ? `（${graded} 人已评鉴，未重复发送）` : ''}${orphanNote}`;
  },
});
