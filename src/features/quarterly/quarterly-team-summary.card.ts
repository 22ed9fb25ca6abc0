import type { CardJson } from '../../core/ports';
import type { TeamSummaryView } from '../../core/quarterly/views';
import { card, md, note, table } from '../../../cards/components';

/** To a supervisor: the determined tiers of their own direct reports in one pool, nobody else's. */
export function quarterTeamSummaryCard(v: TeamSummaryView): CardJson {
  return card({
    title: `季度审定结果 · ${v.quarterLabel}`,
    subtitle: `${v.unitName} · ${v.level}`,
    template: 'green',
    elements: [
      md(`您的直接下属（${v.level}）${v.quarterLabel}平时考核结果已审定，共 ${v.rows.length} 人：`),
      table(
        [
          { name: 'name', label: '姓名' },
          { name: 'score', label: '季度得分' },
          { name: 'tier', label: '等次' },
        ],
        v.rows,
      ),
      note('结果已私信反馈本人。请勿在群内公开个人等次。'),
    ],
  });
}
