import { yearEndDue, yearEndViews } from '../../core/annual/year-end.service';
import { defineJob } from '../../jobs/define-job';
import { annualYearEndCard } from './annual-year-end.card';

/**
 * 年度衔接: on the first workday on or after annual.review_date of the next year, each organ's
 * 考核管理员 gets the 优秀 ceiling, the eligible list and who is 缓定. Once per year; the keys
 * make a re-run send nothing twice.
 */
export default defineJob({
  name: 'annual-review',
  describe: '年度考核衔接：评优资格名单、优秀上限与缓定人员（次年发给各机关考核管理员）',
  cron: '0,30 * * * *',
  periodAt: (deps) => yearEndDue(deps.clock.now(), deps.calendar, deps.rules),
  async run(deps, year) {
    let cards = 0;
    const organs = await yearEndViews(deps, year);
    for (const { organId, admins, view } of organs) {
      const card = annualYearEndCard(view);
      for (const admin of admins) {
        await deps.messenger.send({ type: 'open_id', id: admin.openId }, { kind: 'card', card }, `annual-review:${year}:${organId}:${admin.openId}`);
        cards++;
      }
    }
    return `${year} 年：${organs.length} 个机关，发出年度衔接卡片 ${cards} 张`;
  },
});
