import { monthlyGradingCard } from './monthly-form.card';
import { monthOfReviewDue } from '../../core/calendar/schedule';
import type { CoreDeps } from '../../core/deps';
import { ensureReviews, gradeesOf } from '../../core/monthly/review.service';
import { loadGradingSheets } from '../../core/monthly/grading-sheet';
import { findActivePeople } from '../../core/org/people.repository';
import { defineJob } from '../../jobs/define-job';

/**
 * People per transaction. On SQLite a transaction holds the one connection, so a batch is as long
 * as a click may wait (200: ~40 ms); one person per transaction took 25 s for a city of 28,000
 * (2 min 15 s on PostgreSQL).
 */
const BATCH = 200;

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
    for (let i = 0; i < gradees.length; i += BATCH) {
      const batch = gradees.slice(i, i + BATCH);
      // A batch's rows and cards are one change: all exist, or (after a crash) none do.
      const due = await deps.db.transaction().execute(async (trx) => {
        const tdeps: CoreDeps = { ...deps, db: trx };
        const reviews = await ensureReviews(tdeps, batch.map((g) => g.person), monthKey);
        const pending = batch.filter((g) => reviews.get(g.person.openId)!.status === 'pending');
        const sheets = await loadGradingSheets(tdeps, pending.map((g) => reviews.get(g.person.openId)!), { people: batch.flatMap((g) => [g.person, g.leader]) });
        await deps.messengerFor(trx).sendAll(
          pending.map((g, k) => ({
            to: { type: 'open_id', id: g.leader.openId },
            message: { kind: 'card', card: monthlyGradingCard(sheets[k]!) },
            key: `monthly-review:${monthKey}:${g.person.openId}`,
          })),
        );
        return pending.length;
      });
      sent += due;
      graded += batch.length - due;
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
