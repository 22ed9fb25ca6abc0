import { findCycles } from './cycles';

/** What the stored organisation says about the ids an org file may refer to. */
export interface StoredOrgRefs {
  people: ReadonlyMap<string, { name: string; unitId: string; leaderOpenId: string | null; active: boolean }>;
  units: ReadonlyMap<string, { parentId: string | null }>;
}

export const NO_STORED_ORG: StoredOrgRefs = { people: new Map(), units: new Map() };

/** One row of an org file that passed its own checks, as far as references go. */
export interface OrgFileRow {
  line: number;
  openId: string;
  name: string;
  unitId: string;
  parentUnitId: string | null;
  leaderOpenId: string | null;
}

/**
 * The rows whose references do not hold once the file is written over the stored organisation: a
 * leader or parent unit that names nobody, a person leading themself, a leader cycle (A→B→C→A, on
 * every line of it) or a unit cycle. Rows found bad drop out and the rest is checked again, so the
 * rows that remain (what `--skip-bad` writes) refer only to what will exist.
 * `skipped` are the lines of rows that already failed their own checks.
 */
export function referenceProblems(rows: readonly OrgFileRow[], skipped: ReadonlySet<number>, stored: StoredOrgRefs): Map<number, string> {
  const bad = new Map<number, string>();
  const byOpenId = new Map(rows.map((r) => [r.openId, r]));
  for (;;) {
    const good = rows.filter((r) => !skipped.has(r.line) && !bad.has(r.line));
    const found = checkRound(good, { stored, byOpenId, isBad: (line) => skipped.has(line) || bad.has(line) });
    if (found.size === 0) return bad;
    for (const [line, reason] of found) bad.set(line, reason);
    followBadLeaders(good, found, bad, stored);
  }
}

/**
 * Whoever is led by a newly bad row that the stored organisation does not hold either is bad too, and
 * so on down: done in one pass, so a long chain does not take a round per link.
 */
function followBadLeaders(good: OrgFileRow[], found: ReadonlyMap<number, string>, bad: Map<number, string>, stored: StoredOrgRefs): void {
  const followers = new Map<string, OrgFileRow[]>();
  for (const r of good) {
    if (!r.leaderOpenId || r.leaderOpenId === r.openId) continue;
    if (!followers.has(r.leaderOpenId)) followers.set(r.leaderOpenId, []);
    followers.get(r.leaderOpenId)!.push(r);
  }
  const queue = good.filter((r) => found.has(r.line));
  while (queue.length) {
    const leader = queue.pop()!;
    if (stored.people.get(leader.openId)?.active) continue; // kept as stored: still there to lead
    for (const f of followers.get(leader.openId) ?? []) {
      if (bad.has(f.line)) continue;
      bad.set(f.line, `leader_open_id ${leader.openId} 所在的第 ${leader.line} 行有错误`);
      queue.push(f);
    }
  }
}

interface RoundContext {
  stored: StoredOrgRefs;
  /** Every row of the file by open_id, good or bad. */
  byOpenId: ReadonlyMap<string, OrgFileRow>;
  isBad(line: number): boolean;
}

function checkRound(good: OrgFileRow[], ctx: RoundContext): Map<number, string> {
  const people = new Map(good.map((r) => [r.openId, r]));
  const units = new Map<string, string | null>();
  for (const r of good) if (!units.has(r.unitId)) units.set(r.unitId, r.parentUnitId);
  const problems = new Map<number, string>();
  const add = (line: number, reason: string) => problems.set(line, problems.has(line) ? `${problems.get(line)}；${reason}` : reason);

  for (const r of good) {
    if (r.leaderOpenId === r.openId) add(r.line, 'leader_open_id 不能是本人');
    else if (r.leaderOpenId && !people.has(r.leaderOpenId)) {
      const why = missingLeader(r.leaderOpenId, units, ctx);
      if (why) add(r.line, why);
    }
    if (r.parentUnitId && r.parentUnitId !== r.unitId && !units.has(r.parentUnitId) && !ctx.stored.units.has(r.parentUnitId)) {
      add(r.line, `parent_unit_id ${r.parentUnitId} 在本文件和已有组织中都找不到对应单位`);
    }
  }

  const leaderOf = (id: string) => (people.has(id) ? people.get(id)!.leaderOpenId : activeStored(ctx, id)?.leaderOpenId);
  for (const cycle of findCycles(people.keys(), leaderOf)) {
    if (cycle.length < 2) continue; // a person leading themself is said above
    const names = [...cycle, cycle[0]!].map((id) => people.get(id)?.name ?? ctx.stored.people.get(id)?.name ?? id).join(' → ');
    for (const id of cycle) if (people.has(id)) add(people.get(id)!.line, `直属上级关系构成循环：${names}（会互相评鉴），请改正其中一人的 leader_open_id`);
  }

  const parentOf = (id: string) => (units.has(id) ? units.get(id) : ctx.stored.units.get(id)?.parentId);
  for (const cycle of findCycles(units.keys(), parentOf)) {
    const reason = cycle.length === 1 ? 'parent_unit_id 不能是本单位' : `上级单位关系构成循环：${[...cycle, cycle[0]!].join(' → ')}`;
    for (const r of good) if (cycle.includes(r.unitId)) add(r.line, reason);
  }
  return problems;
}

/** Why a leader who has no good row in the file will not be there after the import, or null when they will. */
function missingLeader(leader: string, listedUnits: ReadonlyMap<string, unknown>, ctx: RoundContext): string | null {
  const row = ctx.byOpenId.get(leader);
  const stored = ctx.stored.people.get(leader);
  // A stored person whose own row is bad keeps their stored record: the import does not deactivate them.
  if (stored?.active && (row || !listedUnits.has(stored.unitId))) return null;
  if (row && ctx.isBad(row.line)) return `leader_open_id ${leader} 所在的第 ${row.line} 行有错误`;
  if (!stored) return `leader_open_id ${leader} 在本文件和已有组织中都找不到`;
  if (!stored.active) return `leader_open_id ${leader}（${stored.name}）已停用，不能作为直属上级`;
  return `leader_open_id ${leader}（${stored.name}）不在本文件中，而其所在单位 ${stored.unitId} 在本文件中，导入后将被停用`;
}

function activeStored(ctx: RoundContext, openId: string) {
  const p = ctx.stored.people.get(openId);
  return p?.active ? p : undefined;
}
