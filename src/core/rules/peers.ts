import { z } from 'zod';
import { clockTime, score, share } from './fields';
import { TIERS } from './terms';

/**
 * 民主测评 (peer evaluation): colleagues rate each other anonymously; the aggregate enters the
 * quarterly score with a weight. Off unless an organ is listed (seed 003, Kunming: "分级考核、民主测评、
 * 综合评价"; the 政务服务管理局's "分区干部测评").
 */
export const peersSchema = z
  .object({
    /** Organs (unit ids with no parent) whose people rate each other; 'all' for every organ. Empty: off. */
    organs: z.union([z.literal('all'), z.array(z.string().min(1))]).default([]),
    /** The period rated; only the quarter composes into the quarterly score. */
    period: z.enum(['quarter']).default('quarter'),
    /** Whom a person rates: the colleagues of their own 处室 (division) or of the whole organ. */
    raters: z.enum(['division', 'organ']).default('division'),
    /** `tiers`: 好/较好/一般/较差 per item; `points`: 1–5 per item. */
    scale: z.enum(['tiers', 'points']).default('tiers'),
    /** What each answer rates; one select per item and colleague. */
    items: z.array(z.string().trim().min(1).max(10)).min(1).max(5).default(['综合评价']),
    /** What each tier is worth on the 100-point scale (scale: tiers); points map n → n × 20. */
    tier_points: z
      .object({ 好: score.default(100), 较好: score.default(85), 一般: score.default(70), 较差: score.default(50) })
      .prefault({})
      .refine((p) => TIERS.every((t, i) => i === 0 || p[TIERS[i - 1]!] >= p[t]), { message: '分值须满足 好 ≥ 较好 ≥ 一般 ≥ 较差' }),
    /** No aggregate is shown, nor counted, below this many answers for a person. */
    min_answers: z.number().int().min(3).max(50).default(5),
    /** 领导评鉴 (the months' mean) and 民主测评 weights of the composed quarterly score. */
    weights: z
      .object({ leader: share.default(0.7), peers: share.default(0.3) })
      .prefault({})
      .refine((w) => Math.abs(w.leader + w.peers - 1) < 1e-9, { message: '领导评鉴与民主测评权重之和须为 1' }),
    /** The rating cards go out on the first workday after the period at this time. */
    send_time: clockTime.default('10:00'),
    /** Colleagues per card at most; fewer when the items would take a card over Feishu's 200 elements (see pageSizeOf). */
    card_page_size: z.number().int().min(5).max(30).default(20),
  })
  .prefault({});

/**
 * 服务对象评价 / 好差评 from the 政务服务 platform (seed 004: "九龙坡区将服务对象评价纳入窗口单位考核",
 * "将政务服务'好差评'结果与平时考核审核评鉴相结合"). Always shown to the supervisor as evidence; it
 * changes the quarterly score only when `adjust` says so, and then within the monthly bonus and
 * deduction caps (scoring.bonus_cap / deduction_cap).
 */
export const serviceRatingSchema = z
  .object({
    /** `none`: evidence only; `counts`: 好评 add and 差评 deduct points; `score`: the 0–100 score above/below a baseline. */
    adjust: z.enum(['none', 'counts', 'score']).default('none'),
    good_points: z.number().min(0).max(10).default(0.1),
    bad_points: z.number().min(0).max(20).default(1),
    score_baseline: score.default(90),
    /** Points per score point above (added) or below (deducted) the baseline. */
    score_points: z.number().min(0).max(10).default(0.2),
    /** A 服务窗口 id in the platform's export → the open_id of the person who staffs it. */
    windows: z.record(z.string().min(1), z.string().min(1)).default({}),
  })
  .prefault({});
