import { buttonValue, cardOf, cardsTitled, expectToast, type Card } from '../helpers/cards';
import { tierForScore } from '../../src/core/monthly/score';
import { UNDETERMINED } from '../../src/core/rules/terms';
import { defaultRules } from '../../src/core/rules/rules';
import { newId } from '../../src/core/ids';
import { buildOrg, type SandboxMessage, type SandboxOrg } from '../../src/sandbox';
import { Harness } from '../helpers/harness';

/**
 * Q2 2026 closes on Wednesday 8 July 09:00: 5 workdays (quarterly.close_after_workdays) after
 * Wednesday 1 July, the first workday of the next quarter, when June's grading cards go out.
 */
export const QUARTER = '2026-Q2';
export const MONTHS = ['2026-04', '2026-05', '2026-06'] as const;
export const CLOSE_AT = '2026-07-08T09:00:00+08:00';
export const UNIT = 'U1';

/**
 * 某市某局 (R0) is the organ: 高局长 and 马管理 (the city admin) sit in it, with two 处室.
 * 综合处 (U1) has 12 graded people: 副职 (钱处长 who leads it, and three deputies) and 一般干部
 * (eight, one of them 林管理, a 考核管理员 of the organ). 法规处 (U2) has 严处长, 韩管理 (the
 * organ's other 考核管理员) and 魏科员; nobody outside 综合处 is graded in the tests' months, so
 * they are 不定等次 and outside the quota base. The organ's pools: 正职 (2, none rated), 副职 (4)
 * and 一般干部 (11, 8 rated): floor(40% × 12) = 4 seats, 1 for 副职 and 3 for 一般干部.
 */
export function quarterOrg(): SandboxOrg {
  return buildOrg({
    tenantKey: 'quarter_tenant',
    root: {
      id: 'R0',
      name: '某市某局',
      leader: { name: '高局长', userId: 'gao', level: '正职', roles: ['staff', 'supervisor'] },
      staff: [{ name: '马管理', userId: 'ma', roles: ['staff', 'admin'] }],
    },
    units: [
      {
        id: UNIT,
        name: '综合处',
        leader: { name: '钱处长', userId: 'qian', level: '副职' },
        staff: [
          { name: '孙副一', userId: 'sun1', level: '副职' },
          { name: '孙副二', userId: 'sun2', level: '副职' },
          { name: '孙副三', userId: 'sun3', level: '副职' },
          { name: '江海燕', userId: 'a' },
          { name: '程立新', userId: 'b' },
          { name: '白雪梅', userId: 'c' },
          { name: '丁建国', userId: 'd' },
          { name: '方文静', userId: 'e' },
          { name: '邓志强', userId: 'f' },
          { name: '庞晓东', userId: 'g' },
          { name: '林管理', userId: 'lin', roles: ['staff', 'unit_admin'] },
        ],
      },
      {
        id: 'U2',
        name: '法规处',
        leader: { name: '严处长', userId: 'yan', level: '正职' },
        staff: [
          { name: '韩管理', userId: 'han', roles: ['staff', 'unit_admin'] },
          { name: '魏科员', userId: 'wei' },
        ],
      },
    ],
  });
}

/** Quarterly means: 副职 has 1 seat and 一般干部 3 (the organ's 4 shared by largest remainder); both bind. */
export const MEANS: Record<string, number> = {
  钱处长: 94,
  孙副一: 92,
  孙副二: 86,
  孙副三: 82,
  江海燕: 95,
  程立新: 93,
  白雪梅: 92,
  丁建国: 91,
  方文静: 90,
  邓志强: 85,
  庞晓东: 75,
  林管理: 88,
};

export const GENERAL = ['江海燕', '程立新', '白雪梅', '丁建国', '方文静', '邓志强', '庞晓东', '林管理'];
export const DEPUTIES = ['钱处长', '孙副一', '孙副二', '孙副三'];
export const EVERYONE = [...DEPUTIES, ...GENERAL];

/** A graded month as the monthly feature stores it (tier from the score band unless given). */
export async function seedMonth(
  h: Harness,
  name: string,
  month: string,
  total: number | null,
  opts: { tier?: string; comment?: string; unitId?: string; level?: string } = {},
) {
  const person = h.person(name);
  const leader = h.org.users.find((u) => u.open_id === person.leader_user_id);
  const tier = opts.tier ?? (total === null ? UNDETERMINED : tierForScore(total, defaultRules().scoring.bands));
  const at = new Date(`${month}-28T10:00:00+08:00`).toISOString();
  await h.db
    .insertInto('monthly_reviews')
    .values({
      id: newId('mr'),
      open_id: person.open_id,
      month_key: month,
      unit_id: opts.unitId ?? person.department_ids[0]!,
      level: opts.level ?? person.level,
      reviewer_open_id: leader?.open_id ?? null,
      work_score: total,
      conduct_score: total,
      bonuses: '[]',
      deductions: '[]',
      bonus: 0,
      deduction: 0,
      total,
      suggested_tier: total === null ? null : tierForScore(total, defaultRules().scoring.bands),
      tier,
      override_reason: null,
      comment: opts.comment ?? `${name}${month}表现评语`,
      status: tier === UNDETERMINED ? 'undetermined' : 'submitted',
      revision: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** A confirmed quarter result as 季审定 stores it, for tests of what follows (the annual link). */
export async function seedConfirmedResult(h: Harness, name: string, quarter: string, tier: string, where: { unitId?: string; level?: string; scopeId?: string } = {}) {
  const person = h.person(name);
  const unitId = where.unitId ?? person.department_ids[0]!;
  const level = where.level ?? person.level;
  await h.db
    .insertInto('quarter_results')
    .values({
      id: newId('qr'),
      open_id: person.open_id,
      quarter_key: quarter,
      unit_id: unitId,
      level,
      scope_id: where.scopeId ?? unitId,
      pool: level,
      basis: null,
      score: 90,
      work: 90,
      conduct: 90,
      good_months: 3,
      proposed_tier: tier,
      tier,
      status: 'confirmed',
      comment: null,
      confirmed_by: 'test',
      confirmed_at: '2026-10-09T01:00:00.000Z',
      feedback_at: '2026-10-09T01:00:00.000Z',
      updated_at: '2026-10-09T01:00:00.000Z',
    })
    .execute();
}

/** Three months at each person's mean (the same score each month). */
export async function seedQuarter(h: Harness, means: Record<string, number> = MEANS) {
  for (const [name, mean] of Object.entries(means)) for (const m of MONTHS) await seedMonth(h, name, m, mean);
}

export const ORGAN = '某市某局';

export function determinationCard(h: Harness, admin: string, pool: string, scopeName = ORGAN): SandboxMessage {
  const hit = cardsTitled(h, admin, `季度审定 · ${scopeName} · ${pool}`).at(-1);
  if (!hit) throw new Error(`${admin} has no determination card for ${scopeName} ${pool}`);
  return hit;
}

/**
 * Confirms a pool as it stands: 林管理 confirms; where the pool holds his own result (一般干部),
 * 韩管理 — the organ's other 考核管理员 — confirms the same state, which locks it.
 */
export async function confirmPool(h: Harness, pool: string, first = '林管理', second = '韩管理') {
  const msg = determinationCard(h, first, pool);
  const res = await h.click(first, msg, buttonValue(cardOf(msg), '确认审定'), formOf(cardOf(msg)));
  if (res.toast?.type !== 'success' || JSON.stringify(res.card ?? {}).includes('审定并锁定')) return res;
  const ask = determinationCard(h, second, pool);
  return h.click(second, ask, buttonValue(cardOf(ask), '确认审定'), formOf(cardOf(ask)));
}

/** Every pool of the organ's quarter, 正职 (all 不定等次) included. */
export async function confirmAllPools(h: Harness) {
  for (const pool of ['正职', '副职', '一般干部']) {
    const res = await confirmPool(h, pool);
    expectToast(res, 'success', '已确认审定并锁定');
  }
}

/** The select initial values of a determination card, as the form Lark would submit unchanged. */
export function formOf(card: Card): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (o.tag === 'select_static' && typeof o.name === 'string') out[o.name] = String(o.initial_option ?? '');
    if (o.tag === 'multi_select_static' && typeof o.name === 'string') out[o.name] = '';
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export const tierField = (h: Harness, name: string) => `t_${h.person(name).open_id}`;

export async function tiersOf(h: Harness, quarter = QUARTER): Promise<Record<string, { tier: string; status: string; proposed: string }>> {
  const rows = await h.db.selectFrom('quarter_results').selectAll().where('quarter_key', '=', quarter).execute();
  const byId = new Map(h.org.users.map((u) => [u.open_id, u.name]));
  return Object.fromEntries(rows.map((r) => [byId.get(r.open_id) ?? r.open_id, { tier: r.tier, status: r.status, proposed: r.proposed_tier }]));
}

/** Everything 季审定 may change, to prove a refused click changed nothing. */
export async function quarterState(h: Harness) {
  return {
    results: await h.db.selectFrom('quarter_results').selectAll().orderBy('id').execute(),
    locks: await h.db.selectFrom('quarter_locks').selectAll().orderBy('level').execute(),
    objections: await h.db.selectFrom('objections').selectAll().orderBy('id').execute(),
    audits: await h.db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    outbox: await h.db.selectFrom('outbox').select(['idem_key']).orderBy('idem_key').execute(),
  };
}

export const textOf = (m: SandboxMessage | Card) => Harness.textOf(m);

/** Every string in a message, table cells included (Harness.textOf reads markdown and plain text only). */
export const rawOf = (m: SandboxMessage): string => JSON.stringify(m.card ?? m.content);
