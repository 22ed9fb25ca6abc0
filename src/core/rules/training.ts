import { z } from 'zod';
import { monthDay, share } from './fields';
import { TRAINING_KINDS } from './terms';

/** One annual requirement: at least `hours` 学时 from records of these kinds. */
const requirement = z.object({
  name: z.string().trim().min(1).max(20),
  kinds: z.array(z.enum(TRAINING_KINDS)).min(1),
  hours: z.number().min(0).max(1000),
});
export type TrainingRequirement = z.output<typeof requirement>;

/**
 * ≥ 90 学时 (12 days) of concentrated training and ≥ 50 学时 of online self-study are two separate
 * requirements (十三五 outline; 全国干部教育培训规划 2023–2027): online hours never fill the 90.
 */
export const DEFAULT_REQUIREMENTS: TrainingRequirement[] = [
  { name: '集中培训', kinds: ['offline', 'degree', 'exam', 'lecture'], hours: 90 },
  { name: '网络学习', kinds: ['online'], hours: 50 },
];

/** The keys of the old single-total reading; a file that still sets them is told what changed. */
const retired = (what: string) =>
  z
    .never({ error: `${what} 已停用：学时要求改为 training.requirements 列表（默认 集中培训 ≥ 90、网络学习 ≥ 50，两项分别计算），请按本单位规定改写` })
    .optional();

export const trainingSchema = z
  .object({
    requirements: z
      .array(requirement)
      .default(DEFAULT_REQUIREMENTS)
      .refine((rs) => new Set(rs.map((r) => r.name)).size === rs.length, { message: '学时要求的名称不能重复' }),
    annual_required_hours: retired('training.annual_required_hours'),
    online_min_hours: retired('training.online_min_hours'),
    hours_per_day: z.number().min(1).max(12).default(8),
    /** Yearly caps per kind (学时); absent = no cap. */
    kind_caps: z.partialRecord(z.enum(TRAINING_KINDS), z.number().min(0)).default({ degree: 24 }),
    /** In a requirement that mixes online with other kinds: the share of its hours online study may fill; null = no cap. */
    online_cap_share_of_total: share.nullable().default(null),
    required_vs_elective: z
      .object({
        enabled: z.boolean().default(false),
        required: z.number().min(0).default(56),
        total: z.number().min(0).default(84),
      })
      .prefault({}),
    carry_over: z.boolean().default(false),
    /** A single record above this is refused as impossible. */
    max_hours_per_record: z.number().min(1).default(200),
    midyear_checkpoint: z
      .object({ date: monthDay.default('06-30'), expected_share: share.default(0.5) })
      .prefault({}),
    yearend_checkpoint: z.object({ date: monthDay.default('12-01') }).prefault({}),
  })
  .prefault({});
