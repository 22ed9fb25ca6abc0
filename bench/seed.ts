/**
 * Seeded data for the benchmarks: a city's organs (机关) with divisions (处室), people in the three
 * same-level pools with their leaders, and monthly grades, written in batches straight into the
 * tables the bot reads (as an org import and three months of grading would leave them).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import { pendingReviewRow } from '../src/core/monthly/review.repository';

export interface SeedOptions {
  people: number;
  organs: number;
  /** Divisions per organ (default 6). */
  divisions?: number;
  /** Months graded (status submitted), e.g. ['2026-07','2026-08','2026-09']. */
  gradedMonths?: readonly string[];
  /** Months with a pending grading card for every person who has a leader. */
  pendingMonths?: readonly string[];
}

export interface SeededPerson {
  openId: string;
  leader: string | null;
  unitId: string;
}

export interface Seeded {
  people: SeededPerson[];
  /** Pending reviews: id, the person, and the supervisor who grades it. */
  pending: Array<{ id: string; openId: string; reviewer: string; monthKey: string }>;
}

const AT = '2026-01-01T00:00:00.000Z';
const TIER_CYCLE = ['好', '较好', '较好', '一般', '一般', '一般', '一般', '一般', '一般', '较差'] as const;

async function insertAll<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: any[], batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch)).execute();
}

/** Deterministic: the same options give the same ids, so payloads can be built from them. */
export async function seedCity(db: Kysely<Database>, o: SeedOptions): Promise<Seeded> {
  const divisions = o.divisions ?? 6;
  const units: any[] = [];
  const people: any[] = [];
  const seeded: SeededPerson[] = [];
  let n = 0;
  const person = (unitId: string, leader: string | null, level: string, roles: string) => {
    const openId = `ou_b${String(n++).padStart(7, '0')}`;
    people.push({
      open_id: openId,
      user_id: openId.slice(3),
      name: `人员${n}`,
      unit_id: unitId,
      leader_open_id: leader,
      level,
      roles,
      active: 1,
      prompt_opt_out: 0,
      source: 'import',
      created_at: AT,
      updated_at: AT,
      joined_on: '2026-01-01',
      probation_until: null,
    });
    seeded.push({ openId, leader, unitId });
    return openId;
  };
  for (let g = 0; g < o.organs; g++) {
    const organ = `G${g}`;
    units.push({ id: organ, name: `机关${g}`, parent_id: null, chat_id: null, source: 'import', active: 1, updated_at: AT });
    const size = Math.floor(o.people / o.organs) + (g < o.people % o.organs ? 1 : 0);
    const head = person(organ, null, '正职', 'staff;supervisor;unit_admin');
    const perDivision = Math.max(1, Math.floor((size - 1) / divisions));
    let left = size - 1;
    for (let d = 0; d < divisions && left > 0; d++) {
      const unitId = `${organ}D${d}`;
      units.push({ id: unitId, name: `机关${g}第${d}处`, parent_id: organ, chat_id: null, source: 'import', active: 1, updated_at: AT });
      const chief = person(unitId, head, '正职', 'staff;supervisor');
      left--;
      const count = d === divisions - 1 ? left : Math.min(left, perDivision - 1);
      const deputy = count > 0 ? person(unitId, chief, '副职', 'staff;supervisor') : null;
      for (let i = 1; i < count; i++) person(unitId, i % 8 === 0 ? chief : deputy, i % 8 === 0 ? '副职' : '一般干部', 'staff');
      left -= count;
    }
  }
  await insertAll(db, 'units', units);
  await insertAll(db, 'people', people);

  const reviews: any[] = [];
  const pending: Seeded['pending'] = [];
  let r = 0;
  for (const month of o.gradedMonths ?? []) {
    for (const p of people) {
      if (!p.leader_open_id) continue;
      const tier = TIER_CYCLE[(r + month.charCodeAt(6)) % TIER_CYCLE.length]!;
      const work = 60 + ((r * 7) % 30);
      reviews.push(reviewRow(`mr_b${r++}`, p, month, { work_score: work, conduct_score: 20, bonus: 0, deduction: 0, total: work + 20, suggested_tier: tier, tier, status: 'submitted', revision: 1 }));
    }
  }
  for (const month of o.pendingMonths ?? []) {
    for (const p of people) {
      if (!p.leader_open_id) continue;
      const id = `mr_b${r++}`;
      reviews.push(reviewRow(id, p, month, { status: 'pending', revision: 0 }));
      pending.push({ id, openId: p.open_id, reviewer: p.leader_open_id, monthKey: month });
    }
  }
  await insertAll(db, 'monthly_reviews', reviews);
  return { people: seeded, pending };
}

function reviewRow(id: string, p: any, month: string, over: Record<string, unknown>) {
  const pending = pendingReviewRow({ openId: p.open_id, monthKey: month, unitId: p.unit_id, level: p.level }, new Date(AT), id);
  return { ...pending, reviewer_open_id: p.leader_open_id, ...over };
}
