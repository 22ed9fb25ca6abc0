import type { CoreDeps } from '../deps';
import type { Rules } from '../rules/rules';
import { shanghaiDate, shanghaiInstant } from '../calendar/periods';
import type { WorkCalendar } from '../calendar/work-calendar';
import { findActiveAdmins } from '../org/people.repository';
import type { Person } from '../org/person';
import { basisLabel, percent } from '../quarterly/format';
import { determinersAmong } from '../quarterly/people.repository';
import { loadUnits, organOf, unitLabel } from '../quarterly/scope';
import { denoise } from '../numbers';
import { excellentShareFor } from '../ranking/quota-effect.service';
import { annualStatusOf, peopleOfYear } from './eligibility.service';
import type { YearEndView } from './views';
import { groupBy } from '../group-by';

/**
 * The year whose year-end card is due at `at`: the first workday on or after `annual.review_date`
 * of the next year, at `annual.review_time` (Q4 is normally determined by then). Null before.
 */
export function yearEndDue(at: Date, calendar: WorkCalendar, rules: Pick<Rules, 'annual'>): string | null {
  const year = Number(shanghaiDate(at).slice(0, 4)) - 1;
  const day = calendar.firstWorkdayOnOrAfter(`${year + 1}-${rules.annual.review_date}`);
  return shanghaiInstant(day, rules.annual.review_time) <= at ? String(year) : null;
}

/**
 * The 优秀 share of an organ: `excellent_max_share` (20 %, or what its 评优评差 class made it), cut by `training_shortfall.reduce_share_by`
 * when fewer than `completion_below` of its participants met the year's training in the year
 * (seed 002: 未完成年度培训任务的单位，核减该单位年度考核的优秀比例).
 */
export function excellentCeiling(participants: number, met: number, rules: Pick<Rules, 'annual'>, baseShare = rules.annual.excellent_max_share) {
  const a = rules.annual;
  const completion = participants === 0 ? 1 : met / participants;
  const short = completion < a.training_shortfall.completion_below;
  const share = Math.max(0, denoise(baseShare - (short ? a.training_shortfall.reduce_share_by : 0)));
  return { share, count: Math.floor(denoise(share * participants)), completion, reduced: short };
}

/**
 * One card per organ for its 考核管理员 after the year: who may be proposed for 优秀 (with the
 * ceiling), whose annual tier is 缓定 for training, and how many are not eligible (the export has
 * every reason). Participants are the organ's people with at least one determined quarter that is
 * not 不定等次.
 */
export async function yearEndViews(deps: CoreDeps, year: string): Promise<Array<{ organId: string; admins: Person[]; view: YearEndView }>> {
  const units = await loadUnits(deps.db);
  const { ids, people } = await peopleOfYear(deps.db, year);
  const status = await annualStatusOf(deps.db, deps.rules, deps.calendar, year, ids, deps.clock.now());
  const participants = ids.filter((id) => status.get(id)!.results.some((r) => r.tier !== '不定等次'));
  const byOrgan = groupBy(participants, (id) => organOf(status.get(id)!.results.at(-1)?.unitId ?? people.get(id)?.unitId ?? '', units));
  const admins = await findActiveAdmins(deps.db);
  const out = [];
  for (const [organId, members] of byOrgan) {
    const label = (id: string) => {
      const s = status.get(id)!;
      return { name: people.get(id)?.name ?? id, unitName: unitLabel(units, s.results.at(-1)?.unitId ?? people.get(id)?.unitId ?? '') };
    };
    const met = members.filter((id) => status.get(id)!.training.met === true).length;
    // The organ's 评优评差 class may move the share first (unit_rating.quota_effects); a training shortfall then cuts it.
    const byClass = await excellentShareFor(deps, organId, Number(year));
    const ceiling = excellentCeiling(members.length, met, deps.rules, byClass.share);
    const a = deps.rules.annual;
    out.push({
      organId,
      admins: determinersAmong(admins, organId, units),
      view: {
        organName: unitLabel(units, organId),
        year,
        participants: members.length,
        ceiling: {
          count: ceiling.count,
          text: `${members.length} 人 × ${percent(ceiling.share)}，向下取整（依据：${basisLabel('annual.excellent_max_share')}）`,
          ...(byClass.text ? { adjustment: byClass.text } : {}),
          reduction: ceiling.reduced
            ? `本机关学时达标 ${met}/${members.length} 人（${percent(ceiling.completion)}），低于 ${percent(a.training_shortfall.completion_below)}，优秀比例核减 ${percent(a.training_shortfall.reduce_share_by)}（依据：${basisLabel('annual.training_shortfall')}）`
            : null,
        },
        eligible: members.filter((id) => status.get(id)!.eligibility.eligibleExcellent).map(label),
        deferred: members.filter((id) => status.get(id)!.eligibility.annualTierDeferred).map((id) => ({ ...label(id), shortfall: status.get(id)!.training.shortfall.join('、') })),
        notEligible: members.filter((id) => !status.get(id)!.eligibility.eligibleExcellent).length,
        undetermined: members.filter((id) => status.get(id)!.quarters.some((q) => q.tier === null)).length,
        makeUpUntil: a.training_makeup_until ? `${Number(year) + 1}-${a.training_makeup_until}` : null,
      },
    });
  }
  return out.sort((x, y) => (x.organId < y.organId ? -1 : 1));
}
