import { peerQuarterDue, ratersOf } from '../../core/peers/peer-answer.service';
import { defineJob } from '../../jobs/define-job';
import { peerFormCard } from './peer-form.card';

/**
 * 民主测评: on the first workday after the quarter (peers.send_time) everyone in an organ with
 * 民主测评 gets the rating card(s) for their colleagues. Answers are taken until the quarter-close
 * job proposes the tiers; a re-run sends nothing twice (the keys name quarter, person and page).
 */
export default defineJob({
  name: 'peer-review',
  describe: '民主测评卡片（季度结束后第一个工作日发给参加测评的人员）',
  cron: '*/15 * * * *',
  periodAt: (deps) => peerQuarterDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, quarterKey) {
    let people = 0;
    let cards = 0;
    for (const { rater, forms } of await ratersOf(deps)) {
      const pages = (await forms(quarterKey)).filter((f) => !f.submitted);
      if (pages.length === 0) continue;
      people++;
      for (const view of pages) {
        await deps.messenger.send({ type: 'open_id', id: rater.openId }, { kind: 'card', card: peerFormCard(view) }, `peer-review:${quarterKey}:${rater.openId}:p${view.page}`);
        cards++;
      }
    }
    return `已向 ${people} 人发送 ${cards} 张民主测评卡片`;
  },
});
