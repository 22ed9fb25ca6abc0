import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { CoreDeps } from '../deps';
import type { Rules } from '../rules/rules';
import type { WorkCalendar } from '../calendar/work-calendar';
import { formatQuarterLabel, nextQuarter, parsePeriodKey, shanghaiDate, shanghaiInstant, shanghaiTime, previousQuarter, quarterKeyOf } from '../calendar/periods';
import { quarterCloseAt } from '../calendar/schedule';
import { forbidden, invalidInput, locked, staleCard } from '../errors';
import { findActivePeople } from '../org/people.repository';
import type { Person } from '../org/person';
import { loadUnits, organOf, type UnitIndex } from '../quarterly/scope';
import { TIERS } from '../rules/terms';
import { compareText } from '../text-order';
import { peersOnAnywhere, peersOnFor } from './voices.repository';
import { fieldName, REOPEN, type PeerDoneView, type PeerFormView } from './views';
import { groupBy } from '../group-by';

/*
 * Anonymity. A ballot (one card page) is written as (1) increments of per-ratee, per-item tallies
 * (count and sum of points) and (2) a row "rater has cast page N of this period" — no colleague, no
 * score, no time. Nothing else is stored: no answer rows, no audit of the points, no log of the form.
 * So once the transaction commits, the database cannot say who gave which score, nor even whom a
 * rater rated (raters may leave colleagues they do not know unrated): a colleague's tally can only be
 * traced to the whole set of people who cast that page.
 * Why a plain "who has answered" set rather than a salted one-way marker: the server must hold the
 * salt to check a second vote, and a salted hash over a roster of a few dozen names is recomputed by
 * anyone holding it, so it hides nothing from an operator; the plain set says only that someone took
 * part — what a ballot roll says — and lets the bot offer the pages still to answer. Recording the
 * page rather than each colleague is what keeps a tally with few answers from pointing at its raters.
 */

type Db = Kysely<Database>;


/** When the rating cards for a quarter go out: the first workday after it, at peers.send_time. */
export function peerReviewAt(quarterKey: string, calendar: WorkCalendar, rules: Rules): Date {
  const first = calendar.firstWorkdayOnOrAfter(parsePeriodKey(nextQuarter(quarterKey), 'quarter').start);
  return shanghaiInstant(first, rules.peers.send_time);
}

/**
 * The peer-review job's period at `at`: the latest quarter whose cards are due and whose answers are
 * still taken (until the quarter-close job proposes the tiers). Null when no organ has 民主测评.
 */
export function peerQuarterDue(at: Date, calendar: WorkCalendar, rules: Rules): string | null {
  if (!peersOnAnywhere(rules)) return null;
  const q = previousQuarter(quarterKeyOf(shanghaiDate(at)));
  for (const quarter of [q, previousQuarter(q)]) {
    if (peerReviewAt(quarter, calendar, rules) <= at && at < quarterCloseAt(quarter, calendar, rules)) return quarter;
  }
  return null;
}

/** Whether answers for the quarter are taken at `at`. */
export function answersOpen(quarterKey: string, at: Date, calendar: WorkCalendar, rules: Rules): boolean {
  return peerReviewAt(quarterKey, calendar, rules) <= at && at < quarterCloseAt(quarterKey, calendar, rules);
}

/** The colleagues `rater` rates: their 处室 (or organ), active, not themself, ordered by name. */
export function rateesOf(rater: Person, everyone: readonly Person[], units: UnitIndex, rules: Rules): Person[] {
  const group = rateGroupOf(rater, units, rules);
  if (group === null) return [];
  return everyone.filter((p) => p.active && p.openId !== rater.openId && rateGroupOf(p, units, rules) === group).sort(byName);
}

/** Who rates whom: the colleagues of a 处室 (or of an organ) rate each other; null where 民主测评 is off. */
function rateGroupOf(p: Person, units: UnitIndex, rules: Rules): string | null {
  const organ = organOf(p.unitId, units);
  if (!peersOnFor(rules, organ)) return null;
  return rules.peers.raters === 'division' ? p.unitId : organ;
}

const zh = new Intl.Collator('zh-CN');
const byName = (a: Person, b: Person): number => zh.compare(a.name, b.name) || compareText(a.openId, b.openId);

/**
 * Every rater's colleagues, each group sorted once. Rating each rater's colleagues out of the whole
 * city (rateesOf) was quadratic: with 民主测评 on for every organ, 5,000 people took 3.6 s.
 */
export function rateesOfEveryone(everyone: readonly Person[], units: UnitIndex, rules: Rules): Array<{ rater: Person; ratees: Person[] }> {
  const groupOf = new Map<Person, string>();
  for (const p of everyone) {
    const group = p.active ? rateGroupOf(p, units, rules) : null;
    if (group !== null) groupOf.set(p, group);
  }
  const groups = groupBy(groupOf.keys(), (p) => groupOf.get(p)!);
  for (const members of groups.values()) members.sort(byName);
  const out: Array<{ rater: Person; ratees: Person[] }> = [];
  for (const rater of everyone) {
    const group = groupOf.get(rater);
    if (group === undefined) continue;
    const ratees = groups.get(group)!.filter((p) => p.openId !== rater.openId);
    if (ratees.length > 0) out.push({ rater, ratees });
  }
  return out;
}

const fingerprint = (people: readonly Person[]): string =>
  createHash('sha256').update(people.map((p) => p.openId).join(',')).digest('hex').slice(0, 16);

/**
 * Colleagues per card: Feishu counts a select and each of its options as elements (a card holds at
 * most 200), so a colleague takes 1 (the name) + items × (2 + options); 180 leaves room for the rest.
 */
export function pageSizeOf(rules: Rules): number {
  const perColleague = 1 + rules.peers.items.length * (2 + scaleOptions(rules).length);
  return Math.max(1, Math.min(rules.peers.card_page_size, Math.floor(180 / perColleague)));
}

export function scaleOptions(rules: Rules): Array<{ label: string; value: string }> {
  if (rules.peers.scale === 'tiers') return TIERS.map((t) => ({ label: t, value: t }));
  return [5, 4, 3, 2, 1].map((n) => ({ label: `${n} 分`, value: String(n) }));
}

/** The points an option is worth on the 100-point scale; null for anything a card does not offer. */
export function pointsOf(value: unknown, rules: Rules): number | null {
  if (typeof value !== 'string') return null;
  if (rules.peers.scale === 'tiers') return (TIERS as readonly string[]).includes(value) ? rules.peers.tier_points[value as (typeof TIERS)[number]] : null;
  return /^[1-5]$/.test(value) ? Number(value) * 20 : null;
}


function deadlineLabel(quarterKey: string, deps: Pick<CoreDeps, 'calendar' | 'rules'>): string {
  const at = quarterCloseAt(quarterKey, deps.calendar, deps.rules);
  const [, m, d] = shanghaiDate(at).split('-');
  return `${Number(m)}月${Number(d)}日 ${shanghaiTime(at)}`;
}

/** The pages the rater has cast in the period. */
async function pagesCast(db: Db, quarterKey: string, raterId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('peer_answered').select('page').where('period_key', '=', quarterKey).where('rater_open_id', '=', raterId).execute();
  return new Set(rows.map((r) => Number(r.page)));
}

/** Every rater's cast pages in the period, by open_id (the job's, read once instead of once a rater). */
async function pagesCastByRater(db: Db, quarterKey: string): Promise<Map<string, Set<number>>> {
  const rows = await db.selectFrom('peer_answered').select(['rater_open_id', 'page']).where('period_key', '=', quarterKey).execute();
  return new Map([...groupBy(rows, (r) => r.rater_open_id)].map(([rater, own]) => [rater, new Set(own.map((r) => Number(r.page)))]));
}

interface Context {
  units: UnitIndex;
  ratees: Person[];
}

async function contextOf(deps: CoreDeps, rater: Person): Promise<Context> {
  const units = await loadUnits(deps.db);
  // Only the rater's 处室 (or organ) is read, not the whole city, for every page a rater opens or casts.
  const organ = organOf(rater.unitId, units);
  const unitIds = deps.rules.peers.raters === 'division' ? [rater.unitId] : [...units.keys()].filter((id) => organOf(id, units) === organ);
  const candidates = await findActivePeople(deps.db, { unitIds });
  return { units, ratees: rateesOf(rater, candidates, units, deps.rules) };
}

function pagesOf<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Every page of the rater's card for the quarter (pages already cast included, marked as such). */
export async function peerForms(deps: CoreDeps, rater: Person, quarterKey: string, ctx?: Context): Promise<PeerFormView[]> {
  const { units, ratees } = ctx ?? (await contextOf(deps, rater));
  if (ratees.length === 0) return [];
  return formsOf(deps, rater, quarterOf(quarterKey, deps), units, ratees, await pagesCast(deps.db, quarterKey, rater.openId));
}

/** What every rater's card says of the quarter (worked out once for a job's tens of thousands of pages). */
interface QuarterText {
  quarterKey: string;
  quarterLabel: string;
  deadlineLabel: string;
}

const quarterOf = (quarterKey: string, deps: CoreDeps): QuarterText => ({ quarterKey, quarterLabel: formatQuarterLabel(quarterKey), deadlineLabel: deadlineLabel(quarterKey, deps) });

function formsOf(deps: CoreDeps, rater: Person, quarter: QuarterText, units: UnitIndex, ratees: readonly Person[], cast: ReadonlySet<number>): PeerFormView[] {
  const pages = pagesOf(ratees, pageSizeOf(deps.rules));
  return pages.map((people, i) => ({
    quarterKey: quarter.quarterKey,
    quarterLabel: quarter.quarterLabel,
    raterName: rater.name,
    page: i + 1,
    pages: pages.length,
    roster: fingerprint(people),
    submitted: cast.has(i + 1),
    ratees: people.map((p, index) => ({ index, name: p.name, unitName: units.get(p.unitId)?.name ?? p.unitId })),
    items: deps.rules.peers.items,
    options: scaleOptions(deps.rules),
    minAnswers: deps.rules.peers.min_answers,
    deadlineLabel: quarter.deadlineLabel,
  }));
}

/** /民主测评: the open quarter's pages not cast yet. */
export async function openPeerForms(deps: CoreDeps, rater: Person): Promise<{ quarterKey: string | null; forms: PeerFormView[] }> {
  const quarterKey = peerQuarterDue(deps.clock.now(), deps.calendar, deps.rules);
  if (!quarterKey) return { quarterKey: null, forms: [] };
  const forms = await peerForms(deps, rater, quarterKey);
  return { quarterKey, forms: forms.filter((f) => !f.submitted) };
}

/**
 * 提交测评: casts one page. The page's list is recomputed here from the organisation (the card
 * carries only the quarter, the page number and a fingerprint of its list); a card built from
 * another list is stale. A colleague left blank is not rated; one rated needs every item.
 */
export async function submitPeerAnswers(
  deps: CoreDeps,
  rater: Person,
  input: { quarterKey: string; page: number; roster: string },
  form: Record<string, unknown>,
): Promise<PeerDoneView> {
  const { quarterKey, page } = input;
  if (!/^\d{4}-Q[1-4]$/.test(quarterKey)) throw staleCard(REOPEN);
  if (!answersOpen(quarterKey, deps.clock.now(), deps.calendar, deps.rules)) throw locked(`${formatQuarterLabel(quarterKey)}民主测评已结束，不再接收答卷。`);
  const ctx = await contextOf(deps, rater);
  if (ctx.ratees.length === 0) throw forbidden('您所在单位未开展民主测评。');
  const label = formatQuarterLabel(quarterKey);
  const pages = pagesOf(ctx.ratees, pageSizeOf(deps.rules));
  // A page already cast is not counted again, whatever the card says (a second click, another device).
  if ((await pagesCast(deps.db, quarterKey, rater.openId)).has(page)) return { quarterLabel: label, counted: 0, pagesLeft: await pagesLeft(deps, rater, quarterKey, ctx) };
  const people = pages[page - 1];
  if (!people || fingerprint(people) !== input.roster) throw staleCard(REOPEN);

  const items = deps.rules.peers.items;
  const given = (index: number) => items.map((_, j) => form[fieldName(index, j)]).some((v) => v !== undefined && v !== null && v !== '');
  const rated = people.map((p, index) => ({ p, index })).filter(({ index }) => given(index));
  if (rated.length === 0) throw invalidInput('请至少评价一位同事后再提交。');
  const problems: string[] = [];
  const answers = rated.map(({ p, index }) => {
    const points = items.map((_, j) => pointsOf(form[fieldName(index, j)], deps.rules));
    if (points.some((x) => x === null)) problems.push(`${p.name}（${items.filter((_, j) => points[j] === null).join('、')}）`);
    return { ratee: p.openId, points: points as number[] };
  });
  if (problems.length > 0) throw invalidInput(`每位评价的同事须评完全部项目，尚未完成：${problems.join('、')}`);

  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto('peer_answered')
      .values({ period_key: quarterKey, rater_open_id: rater.openId, page })
      .onConflict((oc) => oc.columns(['period_key', 'rater_open_id', 'page']).doNothing())
      .executeTakeFirst();
    // Another click got there first: count nothing twice.
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) throw staleCard(REOPEN);
    for (const a of answers) {
      for (const [j, item] of items.entries()) {
        await trx
          .insertInto('peer_tallies')
          .values({ period_key: quarterKey, ratee_open_id: a.ratee, item, answers: 1, points: a.points[j]! })
          .onConflict((oc) =>
            oc.columns(['period_key', 'ratee_open_id', 'item']).doUpdateSet({
              answers: sql`peer_tallies.answers + 1`,
              points: sql`peer_tallies.points + excluded.points`,
            }),
          )
          .execute();
      }
    }
  });
  return { quarterLabel: label, counted: answers.length, pagesLeft: await pagesLeft(deps, rater, quarterKey, ctx) };
}

async function pagesLeft(deps: CoreDeps, rater: Person, quarterKey: string, ctx: Context): Promise<number> {
  return (await peerForms(deps, rater, quarterKey, ctx)).filter((f) => !f.submitted).length;
}

/**
 * Everyone who rates someone in the quarter (the job's recipients), each with their card's pages;
 * the pages are built when asked for (a city's are tens of thousands of views).
 */
export async function ratersOf(deps: CoreDeps, quarterKey: string): Promise<Array<{ rater: Person; forms: () => PeerFormView[] }>> {
  const units = await loadUnits(deps.db);
  const [everyone, cast] = await Promise.all([findActivePeople(deps.db), pagesCastByRater(deps.db, quarterKey)]);
  const quarter = quarterOf(quarterKey, deps);
  return rateesOfEveryone(everyone, units, deps.rules).map(({ rater, ratees }) => ({
    rater,
    forms: () => (ratees.length === 0 ? [] : formsOf(deps, rater, quarter, units, ratees, cast.get(rater.openId) ?? new Set())),
  }));
}
