/** The fixed vocabulary of the assessment (tiers, pools, training kinds, unit classes). */

export const TIERS = ['好', '较好', '一般', '较差'] as const;
export type Tier = (typeof TIERS)[number];
export const UNDETERMINED = '不定等次' as const;
export type TierOrUndetermined = Tier | typeof UNDETERMINED;

export const LEVEL_POOLS = ['正职', '副职', '一般干部'] as const;
export type LevelPool = (typeof LEVEL_POOLS)[number];

export const TRAINING_KINDS = ['offline', 'online', 'degree', 'exam', 'lecture'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const UNIT_CLASSES = ['先进单位', '一般', '工作提示单位', '通报批评单位', '警示单位'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];
