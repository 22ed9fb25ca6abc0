import type { CheckpointKind } from '../../core/credits/checkpoint';
import { whatIsStillNeeded } from '../../core/credits/checkpoint';
import type { YearProgress } from '../../core/credits/progress';
import { CHECKPOINT_LABELS } from '../../core/credits/credits-views';
import type { CardJson } from '../../core/ports';
import { card, md, note, progressBar } from '../../../cards/components';
import { requirementLines } from './credits-format';

/** The private notice to someone behind at a checkpoint: where they stand and what is missing. */
export function creditsCheckpointCard(progress: YearProgress, kind: CheckpointKind): CardJson {
  const done = progress.requirements.reduce((n, r) => n + Math.min(r.counted, r.hours), 0);
  const share = progress.target > 0 ? done / progress.target : 1;
  return card({
    title: CHECKPOINT_LABELS[kind],
    template: kind === 'yearend' ? 'orange' : 'wathet',
    elements: [
      md(`您 ${progress.year} 年的学时要求（各项分别达标）：\n${requirementLines(progress.requirements)}\n${progressBar(share)}`),
      md(`**还需完成**：${whatIsStillNeeded(progress)}`),
      note('可在培训平台参加网络学习；线下培训可发送“学时申报”补录。发送“学分”可随时查看明细。此消息仅您本人可见。'),
    ],
  });
}
