/** The fixed vocabulary of the assessment (tiers, pools, kinds, classes). */

export const TIERS = ['好', '较好', '一般', '较差'] as const;
export type Tier = (typeof TIERS)[number];
export const UNDETERMINED = '不定等次' as const;
export type TierOrUndetermined = Tier | typeof UNDETERMINED;

export const LEVEL_POOLS = ['正职', '副职', '一般干部'] as const;
export type LevelPool = (typeof LEVEL_POOLS)[number];

export const TRAINING_KINDS = ['offline', 'online', 'degree', 'exam', 'lecture'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** 结业考试 result an import may carry; a failed exam's hours do not count. */
export const EXAM_RESULTS = ['pass', 'fail'] as const;
export type ExamResult = (typeof EXAM_RESULTS)[number];

/** 诫勉 and the 处分 / 组织处理 above it (CONTRACT.md, `import sanctions`). */
export const SANCTION_KINDS = ['诫勉', '警告', '记过', '记大过', '降级', '撤职', '组织处理'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

export const UNIT_CLASSES = ['先进单位', '一般', '工作提示单位', '通报批评单位', '警示单位'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];
