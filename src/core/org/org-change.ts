import type { OrgPlan, StoredOrg } from './org-plan';

/** What a sync or import changes: counted when it is written, or previewed before. */
export interface ApplyResult {
  unitsAdded: number;
  unitsUpdated: number;
  peopleAdded: number;
  peopleUpdated: number;
  /** People who had been deactivated and are back in the source: active again, their history untouched. */
  reactivated: number;
  deactivated: number;
}

/** CONTRACT.md: deactivating more than this share of the active people in reach asks first. */
export const CONFIRM_DEACTIVATION_SHARE = 0.1;

/** A confirm card older than this is refused: the directory may have moved on since. */
export const HOLD_LIFETIME_MINUTES = 60;

/** What a run would change, as the confirm card and the CLI show it. */
export interface OrgPreview {
  counts: ApplyResult;
  /** Everyone it would deactivate, by unit then name. */
  deactivated: Array<{ name: string; unitName: string }>;
  /** Active people in the run's reach before it. */
  activeInReach: number;
  /** Of those deactivated, how many are outside the caller's own units. */
  outsideOwnUnits: number;
  keptCaller: boolean;
  /** Changes in units outside a unit admin's reach, left alone. */
  outsideReach: number;
  needsConfirmation: boolean;
  fingerprint: string;
}

export function previewOf(plan: OrgPlan, stored: StoredOrg, own: ReadonlySet<string> | null): OrgPreview {
  const unitNames = new Map(stored.units.map((u) => [u.id, u.name]));
  const deactivated = plan.deactivate
    .map((d) => ({ name: d.name, unitName: unitNames.get(d.unitId) ?? d.unitId }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh') || a.name.localeCompare(b.name, 'zh'));
  const outsideOwnUnits = own ? plan.deactivate.filter((d) => !own.has(d.unitId)).length : 0;
  const share = plan.activeInReach ? plan.deactivate.length / plan.activeInReach : 0;
  const counts: ApplyResult = {
    unitsAdded: plan.units.filter((u) => !u.before).length,
    unitsUpdated: plan.units.filter((u) => u.before).length,
    peopleAdded: plan.people.filter((p) => !p.before).length,
    peopleUpdated: plan.people.filter((p) => p.before?.active === 1).length,
    reactivated: plan.people.filter((p) => p.before && p.before.active !== 1).length,
    deactivated: plan.deactivate.length,
  };
  return {
    counts,
    deactivated,
    activeInReach: plan.activeInReach,
    outsideOwnUnits,
    keptCaller: plan.keptCaller,
    outsideReach: plan.outsideReach,
    needsConfirmation: share > CONFIRM_DEACTIVATION_SHARE || outsideOwnUnits > 0,
    fingerprint: plan.fingerprint,
  };
}

export function describeApplyResult(r: ApplyResult): string {
  const back = r.reactivated ? `、重新启用 ${r.reactivated}` : '';
  return `单位新增 ${r.unitsAdded}、更新 ${r.unitsUpdated}；人员新增 ${r.peopleAdded}、更新 ${r.peopleUpdated}${back}、停用 ${r.deactivated}。`;
}

/** Why a run waits for confirmation, one sentence per reason. */
export function confirmationReasons(p: OrgPreview): string[] {
  const reasons: string[] = [];
  const n = p.counts.deactivated;
  const share = p.activeInReach ? n / p.activeInReach : 0;
  if (share > CONFIRM_DEACTIVATION_SHARE) {
    reasons.push(`将停用 ${n} 人，占在职 ${p.activeInReach} 人的 ${Math.round(share * 100)}%，超过 ${CONFIRM_DEACTIVATION_SHARE * 100}%。`);
  }
  if (p.outsideOwnUnits > 0) reasons.push(`其中 ${p.outsideOwnUnits} 人不在您所在的单位及其下级单位。`);
  return reasons;
}

/** What the caller should know besides the counts: they were kept, other units were left alone. */
export function previewNotes(p: OrgPreview): string[] {
  const notes: string[] = [];
  if (p.keptCaller) notes.push('通讯录中没有您本人，您的账号已保留，未停用。');
  if (p.outsideReach > 0) notes.push(`其他单位还有 ${p.outsideReach} 处变动不在您的管理范围内，未处理（可由管理员同步）。`);
  return notes;
}
