import type { CardJson } from '../../core/ports';
import type { LevelPool } from '../../core/rules/terms';
import type { DeterminationView } from '../../core/quarterly/views';
import { tierField } from '../../core/quarterly/tier-choice';
import { scoreWithUnit } from './quarterly-feedback.card';
import { card, columns, escapeMd, form, hr, md, note, select, table } from '../../../cards/components';
import { quarterlyConfirm, quarterlySave } from './quarterly-actions';

/** What the buttons carry; the server re-loads the pool and re-checks the clicker and the revision. */
const poolValue = (v: DeterminationView) => ({ unit: v.unitId, quarter: v.quarterKey, level: v.level as LevelPool, rev: v.revision });

/**
 * 季度审定 card for one same-level pool: size, the 好 quota and its basis, each person's score and
 * proposal with a tier select, what the quota forces, and 保存调整 / 确认审定. Once locked it
 * turns into a read-only record of the result.
 */
export function quarterDeterminationCard(v: DeterminationView): CardJson {
  const title = `季度审定 · ${v.unitName} · ${v.level}`;
  const header = md(
    `**本池人数**：${v.poolSize} 人　**“好”等次名额**：${v.quota} 人（${v.quotaRule}；依据：${v.quotaBasis}）\n` +
      `**当前“好”等次**：${v.goodCount} 人${v.goodCount > v.quota ? '（超出名额，须调整后方可确认）' : ''}`,
  );
  if (v.locked) {
    return card({
      title,
      subtitle: `${v.quarterLabel} · 已审定`,
      template: 'green',
      elements: [
        ...(v.notice ? [md(`✅ ${escapeMd(v.notice)}`)] : []),
        md(`本池结果已于 **${v.locked.atLabel}** 由 **${escapeMd(v.locked.byName)}** 审定并锁定。`),
        header,
        table(
          [
            { name: 'name', label: '姓名' },
            { name: 'score', label: '季度得分' },
            { name: 'proposed', label: '建议等次' },
            { name: 'tier', label: '审定等次' },
          ],
          v.rows.map((r) => ({ name: r.name, score: r.score, proposed: r.proposedTier, tier: r.tier })),
        ),
        note('结果已私信反馈本人及其主管领导。锁定后如需更正，须通过异议流程办理，并留痕备查。'),
      ],
    });
  }
  const bind: ReturnType<typeof md>[] = [];
  if (v.mustMove.length > 0) {
    bind.push(md(`**名额所限，以下“好”等次建议须调整为“较好”（按得分由低到高，已预先调整）**：${v.mustMove.map(escapeMd).join('、')}`));
  }
  if (v.tie) {
    bind.push(
      md(
        `**以下 ${v.tie.names.length} 人在名额线上得分及比较项完全相同，请您决定其中 ${v.tie.seats} 人保留“好”，其余调整为“较好”**：${v.tie.names.map(escapeMd).join('、')}`,
      ),
    );
  }
  if (bind.length === 0) bind.push(note('“好”等次建议未超出名额，无须调整。'));
  if (v.pending.length > 0) {
    bind.push(
      md(`⚠️ **尚有月度评鉴未完成**，建议等次暂未计入这些月份：${v.pending.map(escapeMd).join('、')}。请督促主管领导完成评鉴后，发送“/审定”获取更新后的审定卡片。`),
    );
  }
  const options = v.tierOptions.map((t) => ({ label: t, value: t }));
  const rows = v.rows.map((r) =>
    columns([
      [md(`**${escapeMd(r.name)}**　${scoreWithUnit(r.score)}　建议：${r.proposedTier}`), note(escapeMd(r.basis))],
      [select({ name: tierField(r.openId), placeholder: '选择等次', options, initial: r.tier, required: true })],
    ]),
  );
  const value = poolValue(v);
  return card({
    title,
    subtitle: `${v.quarterLabel} · 待审定`,
    template: 'orange',
    elements: [
      ...(v.notice ? [md(`ℹ️ ${escapeMd(v.notice)}`)] : []),
      header,
      ...bind,
      hr(),
      form('quarter_determination', [
        ...rows,
        columns([
          [quarterlySave.submit('保存调整', 'save', value, 'default')],
          [quarterlyConfirm.submit('确认审定', 'confirm', value, 'primary_filled')],
        ]),
      ]),
      note('确认后本池结果锁定，并私信反馈本人（含异议方式）及其主管领导；“好”等次超出名额时不能确认。'),
    ],
  });
}
