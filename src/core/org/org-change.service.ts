import type { CoreDeps } from '../deps';
import { DomainError, staleCard } from '../errors';
import { previewOf, type ApplyResult, type OrgPreview } from './org-change';
import { planOrgChange, type StoredOrg } from './org-plan';
import { leaderCyclesAfter, ownUnits, reachOf } from './org-reach';
import { loadStoredOrg, markHoldApplied } from './org.repository';
import { executeOrgPlan } from './org.service';
import type { OrgSnapshot } from './org-snapshot';
import type { Person } from './person';

export interface OrgChangeRequest {
  source: 'sync' | 'import';
  /** Who runs it; null for the CLI, which reaches every unit and is nobody to keep. */
  caller: Person | null;
  /** For the audit log: the caller's open_id, or 'cli'. */
  actor: string;
  /** The caller said yes (--confirm, or the confirm card). */
  confirmed: boolean;
  /** From a confirm card: the change set must still be the one it showed. */
  expectFingerprint?: string;
  /** From a confirm card: the hold it confirms, claimed in the same transaction. */
  holdId?: string;
}

export type OrgChangeOutcome = { applied: true; result: ApplyResult; preview: OrgPreview } | { applied: false; preview: OrgPreview };

/**
 * Every sync and import people run. The change set is computed first, inside one transaction with
 * the writes: the caller is never deactivated, a unit admin changes only their own units, a leader
 * cycle is refused, and a run that would deactivate more than 10 % of the active people in reach
 * (or anyone outside the caller's own units) writes nothing until confirmed.
 */
export async function changeOrg(deps: CoreDeps, snap: OrgSnapshot, req: OrgChangeRequest): Promise<OrgChangeOutcome> {
  const deactivate = req.source === 'sync' ? 'all-missing' : 'missing-in-listed-units';
  return deps.db.transaction().execute(async (trx) => {
    // A confirm card claims its hold first: a second click waits for the first and is told it is done.
    if (req.holdId && !(await markHoldApplied(trx, req.holdId, deps.clock.now()))) throw alreadyConfirmed();
    const stored = await loadStoredOrg(trx);
    const reach = reachOf(req.caller, stored, snap);
    if (req.source === 'sync') refuseEmpty(snap, reach, req.caller, stored);
    const plan = planOrgChange(stored, snap, { deactivate, reach, keep: req.caller?.openId ?? null });
    const cycles = leaderCyclesAfter(stored, plan);
    if (cycles.length) throw cycleError(req.source, cycles);
    const preview = previewOf(plan, stored, ownUnits(req.caller, stored, snap));
    if (req.expectFingerprint !== undefined && req.expectFingerprint !== plan.fingerprint) {
      throw staleCard('组织信息在预览之后已有变化，请重新发送“同步”查看最新的变动');
    }
    if (preview.needsConfirmation && !req.confirmed) return { applied: false, preview };
    const result = await executeOrgPlan(trx, deps.clock.now(), plan, { source: req.source, actor: req.actor });
    return { applied: true, result, preview };
  });
}

/** The usual cause of an empty directory is a scope the app was not given; nothing is changed. */
const SCOPE_HINT =
  '常见原因：应用的通讯录权限范围没有包含这些部门和人员，或没有开通“获取通讯录基本信息”（contact:contact.base:readonly）权限。' +
  '请在飞书开发者后台的“权限管理”中开通该权限，把通讯录权限范围设为全部成员（或包含要同步的部门），发布新版本后再同步。本次未做任何更改。';

function refuseEmpty(snap: OrgSnapshot, reach: ReadonlySet<string> | null, caller: Person | null, stored: StoredOrg): void {
  if (snap.people.length === 0) throw new DomainError('NOT_FOUND', `通讯录没有返回任何人员，同步已停止。${SCOPE_HINT}`);
  if (reach && caller && !snap.people.some((p) => reach.has(p.unitId))) {
    const unit = stored.units.find((u) => u.id === caller.unitId)?.name ?? caller.unitId;
    throw new DomainError('NOT_FOUND', `通讯录没有返回${unit}及其下级单位的任何人员，同步已停止。${SCOPE_HINT}`);
  }
}

function cycleError(source: 'sync' | 'import', cycles: string[][]): DomainError {
  const where = source === 'sync' ? '通讯录中' : '组织数据中';
  const fix = source === 'sync' ? '请在飞书管理后台更正其中一人的直属上级后再同步' : '请更正其中一人的 leader_open_id 后再导入';
  return new DomainError('INVALID_INPUT', `${where}的直属上级关系构成循环：${cycles.map((c) => c.join(' → ')).join('；')}（会互相评鉴）。${fix}，本次未做任何更改。`);
}

export const alreadyConfirmed = () => new DomainError('NOT_APPLICABLE', '这次同步已经确认执行过了，无需重复确认。');
