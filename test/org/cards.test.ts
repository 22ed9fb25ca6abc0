import { describe, expect, it } from 'vitest';
import type { OrgPreview } from '../../src/core/org/org-change';
import { NAMES_ON_CARD, orgSyncDoneCard, orgSyncPreviewCard } from '../../src/features/org/org-change.card';
import { orgSyncConfirm } from '../../src/features/org/org-actions';
import { buttonValue, larkCard } from '../helpers/cards';

const preview = (over: Partial<OrgPreview> = {}): OrgPreview => ({
  counts: { unitsAdded: 0, unitsUpdated: 1, peopleAdded: 2, peopleUpdated: 1, reactivated: 0, deactivated: 6 },
  deactivated: ['何静', '冯磊', '吴婷', '周文涛', '王芳', '郑凯'].map((name) => ({ name, unitName: '政策法规处' })),
  activeInReach: 13,
  outsideOwnUnits: 6,
  keptCaller: false,
  outsideReach: 0,
  needsConfirmation: true,
  fingerprint: '3f2a9c0d1e5b7a64',
  ...over,
});

describe('org cards', () => {
  it.each([
    ['a division gone from the directory', preview()],
    ['the caller kept and other units left alone', preview({ keptCaller: true, outsideReach: 4, outsideOwnUnits: 0, activeInReach: 6, counts: { ...preview().counts, deactivated: 1 }, deactivated: [{ name: '赵敏', unitName: '办公室' }] })],
  ])('renders the confirm card: %s', (_label, p) => {
    expect(larkCard(orgSyncPreviewCard(p, 'och_1'))).toMatchSnapshot();
  });

  it('carries the hold and the fingerprint of the change set it shows', () => {
    expect(buttonValue(orgSyncPreviewCard(preview(), 'och_1'), orgSyncConfirm)).toEqual({ a: 'org.sync-confirm', id: 'och_1', rev: '3f2a9c0d1e5b7a64' });
  });

  it('shows the first names and says how many there are in all, never dropping the rest silently', () => {
    const many = Array.from({ length: NAMES_ON_CARD + 15 }, (_, i) => ({ name: `人员${String(i).padStart(3, '0')}`, unitName: i % 2 ? '办公室' : '政策法规处' }));
    const text = JSON.stringify(orgSyncPreviewCard(preview({ deactivated: many, counts: { ...preview().counts, deactivated: many.length } }), 'och_2'));
    expect(text).toContain(`以上 ${NAMES_ON_CARD} 人，共 ${many.length} 人`);
    expect(text).not.toContain(`人员${NAMES_ON_CARD}`);
  });

  it('renders the done card', () => {
    expect(larkCard(orgSyncDoneCard(preview(), { ...preview().counts }))).toMatchSnapshot();
  });
});
