import type { CoreDeps } from '../deps';
import { forbidden, staleCard } from '../errors';
import { HOLD_LIFETIME_MINUTES, type OrgPreview } from './org-change';
import { alreadyConfirmed, changeOrg, type OrgChangeOutcome } from './org-change.service';
import { deleteHoldsBefore, findHold, insertHold } from './org.repository';
import type { OrgSnapshot } from './org-snapshot';
import { hasRole, type Person } from './person';

const REOPEN = '请重新发送“同步”查看最新的变动';

/**
 * Keeps what a /同步 preview was computed from until its caller confirms it; the card carries only
 * the hold's id and the fingerprint of the change set it shows. Returns the hold's id.
 */
export async function holdForConfirmation(deps: CoreDeps, caller: Person, snap: OrgSnapshot, preview: OrgPreview): Promise<string> {
  const now = deps.clock.now();
  await forgetOldHolds(deps);
  return insertHold(deps.db, { actor: caller.openId, source: 'sync', snapshot: snap, fingerprint: preview.fingerprint, createdAt: now.toISOString() });
}

/**
 * The caller confirms a held preview: the change set is re-computed from the held source data and
 * the organisation as it is now, and applied only when it is still the one the card showed.
 */
export async function confirmHeldChange(deps: CoreDeps, actor: Person, holdId: string, fingerprint: string): Promise<OrgChangeOutcome> {
  if (!hasRole(actor, 'admin') && !hasRole(actor, 'unit_admin')) throw forbidden('同步组织信息仅限考核管理员和管理员使用。');
  await forgetOldHolds(deps);
  const hold = await findHold(deps.db, holdId);
  if (!hold) throw staleCard(REOPEN);
  if (hold.actor !== actor.openId) throw forbidden('只有发起这次同步的管理员本人可以确认。如需同步，请自己发送“同步”。');
  if (hold.status === 'applied') throw alreadyConfirmed();
  const age = deps.clock.now().getTime() - new Date(hold.createdAt).getTime();
  if (age > HOLD_LIFETIME_MINUTES * 60_000) throw staleCard(`这次预览已超过 ${HOLD_LIFETIME_MINUTES} 分钟，${REOPEN}`);
  if (fingerprint !== hold.fingerprint) throw staleCard(REOPEN);
  return changeOrg(deps, hold.snapshot, { source: hold.source, caller: actor, actor: actor.openId, confirmed: true, expectFingerprint: fingerprint, holdId });
}

/** A hold copies names from the directory: it is kept a day at most, then only the audit log remains. */
const forgetOldHolds = (deps: CoreDeps) => deleteHoldsBefore(deps.db, new Date(deps.clock.now().getTime() - 24 * 3600_000));
