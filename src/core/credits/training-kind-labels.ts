import { TRAINING_KINDS, type TrainingKind } from '../rules/terms';

/** What each import `kind` code means, for messages and cards. */
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  offline: '线下培训',
  online: '网络学习',
  degree: '学历教育',
  exam: '考试',
  lecture: '讲座',
};

/** `offline（线下培训）、online（网络学习）…`: the allowed values, as a reason can quote them. */
export function describeTrainingKinds(): string {
  return TRAINING_KINDS.map((kind) => `${kind}（${TRAINING_KIND_LABELS[kind]}）`).join('、');
}

/**
 * Accepts the code in any letter case, or its Chinese label: spreadsheets edited by hand
 * often say `Online` or `网络学习`, and refusing those would only make the admin retype them.
 */
export function parseTrainingKind(text: string): TrainingKind | null {
  const wanted = text.trim().toLowerCase();
  for (const kind of TRAINING_KINDS) {
    if (kind === wanted || TRAINING_KIND_LABELS[kind] === text.trim()) return kind;
  }
  return null;
}
