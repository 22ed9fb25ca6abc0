import { peerQuarterDue, ratersOf } from '../../core/peers/peer-answer.service';
import { defineJob } from '../../jobs/define-job';
import { sendInBatches } from '../../core/send-in-batches';
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
    const raters = await ratersOf(deps, quarterKey);
    const people = new Set<string>();
    // One rater's pages after another, built as they are queued (a city's are tens of thousands).
    function* pagesLeft() {
      for (const { rater, forms } of raters) {
        for (const view of forms()) {
          if (view.submitted) continue;
          people.add(rater.openId);
          yield { rater, view };
        }
      }
    }
    const cards = await sendInBatches(deps.messenger, pagesLeft(), ({ rater, view }) => ({
      to: { type: 'open_id', id: rater.openId },
      message: { kind: 'card', card: peerFormCard(view) },
      key: `peer-review:${quarterKey}:${rater.openId}:p${view.page}`,
    }));
    return `已向 ${people.size} 人发送 ${cards} 张民主测评卡片`;
  },
});
