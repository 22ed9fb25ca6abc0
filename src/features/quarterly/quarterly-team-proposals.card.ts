import type { CardJson } from '../../core/ports';
import type { TeamProposalView } from '../../core/quarterly/views';
import { card, md, note, table } from '../../../cards/components';

/** To a supervisor: the quarter's proposals of the people they lead (read-only; the organ's admin determines). */
export function quarterTeamProposalsCard(v: TeamProposalView): CardJson {
  if (v.rows.length === 0) {
    return card({
      title: `季度建议等次 · ${v.quarterLabel}`,
      template: 'blue',
      elements: [md(`${v.quarterLabel}您分管人员的季度建议等次尚未生成（季度结束后由系统生成，交本机关考核管理员审定）。`)],
    });
  }
  const part = v.part ? `（第 ${v.part.index}/${v.part.count} 部分）` : '';
  return card({
    title: `季度建议等次 · ${v.quarterLabel}${part}`,
    template: 'blue',
    elements: [
      md(`您分管人员${v.quarterLabel}的季度建议等次（由本机关考核管理员按同级同台名额审定），共 ${v.part?.total ?? v.rows.length} 人${v.part ? `，本卡片为其中 ${v.rows.length} 人` : ''}：`),
      table(
        [
          { name: 'name', label: '姓名' },
          { name: 'pool', label: '分组' },
          { name: 'score', label: '季度得分' },
          { name: 'proposedTier', label: '建议等次' },
          { name: 'tier', label: '当前等次' },
          { name: 'status', label: '状态' },
        ],
        v.rows,
      ),
      note('仅供了解，请勿在群内公开个人等次。如有意见，请与本机关考核管理员沟通。'),
    ],
  });
}
