import type { CardJson } from '../../core/ports';
import type { DeterminationView } from '../../core/quarterly/views';
import { tierField } from '../../core/quarterly/tier-choice';
import { scoreWithUnit } from './quarterly-feedback.card';
import { card, columns, escapeMd, form, hr, md, note, select, table, type Element } from '../../../cards/components';
import { excerpt } from '../../core/summary/self-summary';
import { quarterlyConfirm, quarterlySave } from './quarterly-actions';

/** What the buttons carry; the server re-loads the page and re-checks the clicker and the revision. */
const pageValue = (v: DeterminationView) => ({ scope: v.scopeId, quarter: v.quarterKey, pool: v.pool, page: v.page, rev: v.revision });

const pageLabel = (v: DeterminationView) => (v.pages > 1 ? ` · 第 ${v.page}/${v.pages} 页` : '');

/**
 * 季度审定 card for one page of one same-level pool of the organ: the pool's size, its 好 seats
 * and how they were shared over the organ (with the basis), the rules that decided someone's
 * proposal, this page's people with their proposal and a tier select, what the seats force, who
 * must not confirm alone, and 保存调整 / 确认审定. A pool of more than `card_page_size` people is
 * split over several cards; each page saves its own choices and 确认 re-checks the whole pool.
 * Once locked it turns into a read-only record of the page.
 */
const titleOf = (v: DeterminationView) => `季度审定 · ${v.scopeName} · ${v.pool}`;

export function quarterDeterminationCard(v: DeterminationView): CardJson {
  const title = titleOf(v);
  const header = md(
    `**本组人数**：${v.poolSize} 人（参评 ${v.rated} 人，不定等次不计入）　**“好”等次名额**：${v.quota} 人\n` +
      `名额计算：${escapeMd(v.quotaRule)}（依据：${v.quotaBasis}）\n` +
      `**当前“好”等次**：${v.goodCount} 人${v.goodCount > v.quota ? '（超出名额，须调整后方可确认）' : ''}` +
      (v.summaries ? `\n**个人小结**（${v.summaries.periodLabel}）：已提交 ${v.summaries.submitted}/${v.summaries.total} 人` : ''),
  );
  const rules = v.ruleNotes.length > 0 ? [md(`**适用规则**\n${v.ruleNotes.map((n) => `- ${escapeMd(n)}`).join('\n')}`)] : [];
  if (v.locked) {
    const second = v.locked.countersignedBy ? `，经 **${escapeMd(v.locked.countersignedBy)}** 复核` : '';
    return card({
      title,
      subtitle: `${v.quarterLabel} · 已审定${pageLabel(v)}`,
      template: 'green',
      elements: [
        ...(v.notice ? [md(`✅ ${escapeMd(v.notice)}`)] : []),
        md(`本组结果已于 **${v.locked.atLabel}** 由 **${escapeMd(v.locked.byName)}** 审定并锁定${second}。`),
        header,
        table(
          [
            { name: 'name', label: '姓名' },
            { name: 'unit', label: '处室' },
            { name: 'score', label: '季度得分' },
            { name: 'proposed', label: '建议等次' },
            { name: 'tier', label: '审定等次' },
          ],
          v.rows.map((r) => ({ name: r.name, unit: r.unitName, score: r.score, proposed: r.proposedTier, tier: r.tier })),
        ),
        note('结果已私信反馈本人及其主管领导。锁定后如需更正，须通过异议流程办理，并留痕备查。'),
      ],
    });
  }
  const options = v.tierOptions.map((t) => ({ label: t, value: t }));
  const rowsWith = (excerptChars: number) =>
    v.rows.flatMap((r) => [
      md(`**${escapeMd(r.name)}** · ${escapeMd(r.unitName)}　${scoreWithUnit(r.score)}　建议：${r.proposedTier}\n${escapeMd(r.basis)}${summaryLine(r.summary, excerptChars)}`),
      select({ name: tierField(r.openId), placeholder: '选择等次', options, initial: r.tier, required: true }),
    ]);
  // 个人小结 excerpts take what the card's 30 KB leave: measured without them, then shared by the rows.
  const withSummaries = v.rows.filter((r) => r.summary).length;
  const parts = { title, header, rules };
  const bare = openCard(v, parts, rowsWith(0));
  if (withSummaries === 0) return bare;
  const room = Math.floor((SUMMARY_BYTE_BUDGET - new TextEncoder().encode(JSON.stringify(bare)).length) / withSummaries);
  const chars = Math.min(SUMMARY_EXCERPT_CHARS, Math.floor((room - SUMMARY_LINE_OVERHEAD) / 4));
  return chars >= SUMMARY_MIN_CHARS ? openCard(v, parts, rowsWith(chars)) : bare;
}

/** Bytes the whole card may reach (Feishu's limit is 30 KB); excerpts are cut to stay below. */
const SUMMARY_BYTE_BUDGET = 29_000;
const SUMMARY_EXCERPT_CHARS = 80;
const SUMMARY_MIN_CHARS = 12;
/** The label and markup of one excerpt line; a character is counted as 4 bytes (3 in UTF-8, room for escapes). */
const SUMMARY_LINE_OVERHEAD = 40;

function summaryLine(summary: string | null | undefined, chars: number): string {
  if (!summary || chars <= 0) return '';
  return `\n个人小结：${escapeMd(excerpt(summary, chars))}`;
}

function openCard(v: DeterminationView, { title, header, rules }: { title: string; header: Element; rules: Element[] }, rows: Element[]): CardJson {
  const value = pageValue(v);
  return card({
    title,
    subtitle: `${v.quarterLabel} · 待审定${pageLabel(v)}`,
    template: 'orange',
    elements: [
      ...(v.notice ? [md(`ℹ️ ${escapeMd(v.notice)}`)] : []),
      header,
      ...rules,
      ...bindings(v),
      hr(),
      form('quarter_determination', [
        ...rows,
        columns([
          [quarterlySave.submit(v.pages > 1 ? '保存本页' : '保存调整', 'save', value, 'default')],
          [quarterlyConfirm.submit('确认审定', 'confirm', value, 'primary_filled')],
        ]),
      ]),
      note(
        `${v.pages > 1 ? `本组共 ${v.pages} 页，每页分别保存；在任一页点“确认审定”会先保存本页，再按已保存的全组结果核对名额后锁定。` : ''}确认后本组结果锁定，并私信反馈本人（含异议方式）及其主管领导；“好”等次超出名额时不能确认。`,
      ),
    ],
  });
}

/** What the seats force, the open tie, months still being graded, and who may not confirm alone. */
function bindings(v: DeterminationView): ReturnType<typeof md>[] {
  const out: ReturnType<typeof md>[] = [];
  if (v.mustMove.count > 0) {
    const here = v.mustMove.names.length > 0 ? `，本页：${v.mustMove.names.map(escapeMd).join('、')}` : '，均不在本页';
    out.push(md(`**名额所限，本组 ${v.mustMove.count} 人的“好”等次建议须调整为“较好”（按得分由低到高，已预先调整）**${here}`));
  }
  if (v.tie) {
    const here = v.tie.names.length > 0 ? `本页：${v.tie.names.map(escapeMd).join('、')}` : '均不在本页';
    out.push(md(`**本组 ${v.tie.count} 人在名额线上得分及比较项完全相同，请您决定其中 ${v.tie.seats} 人保留“好”，其余调整为“较好”**（${here}）`));
  }
  if (out.length === 0) out.push(note('“好”等次建议未超出名额，无须调整。'));
  if (v.pending.length > 0) {
    out.push(md(`⚠️ **尚有月度评鉴未完成**，建议等次暂未计入这些月份：${v.pending.map(escapeMd).join('、')}。请督促主管领导完成评鉴后，发送“/审定”获取更新后的审定卡片。`));
  }
  if (v.recusal) {
    const done = v.recusal.confirmedBy.length > 0 ? `${v.recusal.confirmedBy.map(escapeMd).join('、')} 已确认当前结果，待另一位管理员复核。` : '';
    out.push(
      md(
        `🔒 **回避**：本组含考核管理员 ${v.recusal.members.map(escapeMd).join('、')} 本人的等次，本人确认后须另一位考核管理员或公务员局管理员复核确认方可锁定；不在本组的管理员可直接确认。${done}`,
      ),
    );
  }
  return out;
}
