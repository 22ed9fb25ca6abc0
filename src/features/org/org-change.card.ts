import { confirmationReasons, describeApplyResult, HOLD_LIFETIME_MINUTES, previewNotes, type ApplyResult, type OrgPreview } from '../../core/org/org-change';
import type { CardJson } from '../../core/ports';
import { card, escapeMd, md, note, type Element } from '../../../cards/components';
import { orgSyncConfirm } from './org-actions';
import { groupBy } from '../../core/group-by';

/** Names shown on the card; the rest is counted, and the CLI (`sync-org` without --confirm) lists everyone. */
export const NAMES_ON_CARD = 60;

/** What /同步 would change, waiting for the caller's confirmation. */
export function orgSyncPreviewCard(preview: OrgPreview, holdId: string): CardJson {
  const elements: Element[] = [
    md(confirmationReasons(preview).join('\n')),
    md(`**将进行的变动**：${describeApplyResult(preview.counts)}`),
    md(`**将停用**：\n${namesByUnit(preview.deactivated)}`),
    ...previewNotes(preview).map(note),
    note(`不确认则不做任何更改。停用可以恢复：人员重新出现在通讯录或导入文件中即重新启用，历史记录保留。本预览 ${HOLD_LIFETIME_MINUTES} 分钟内有效。`),
    orgSyncConfirm.button('确认同步', { id: holdId, rev: preview.fingerprint }, 'danger_filled'),
  ];
  return card({ title: '同步前请确认', subtitle: '停用人数较多或涉及其他单位', template: 'orange', elements });
}

/** The preview card once confirmed and applied. */
export function orgSyncDoneCard(preview: OrgPreview, result: ApplyResult): CardJson {
  return card({
    title: '同步完成',
    template: 'green',
    elements: [md(describeApplyResult(result)), ...(result.deactivated ? [md(`**已停用**：\n${namesByUnit(preview.deactivated)}`)] : []), ...previewNotes(preview).map(note)],
  });
}

function namesByUnit(people: OrgPreview['deactivated']): string {
  const shown = people.slice(0, NAMES_ON_CARD);
  const lines = [...groupBy(shown, (p) => p.unitName)].map(([unit, members]) => `${escapeMd(unit)}：${members.map((p) => escapeMd(p.name)).join('、')}`);
  if (people.length > shown.length) lines.push(`……以上 ${shown.length} 人，共 ${people.length} 人（完整名单：在服务器上运行 pingshi sync-org，不加 --confirm）`);
  return lines.join('\n');
}
