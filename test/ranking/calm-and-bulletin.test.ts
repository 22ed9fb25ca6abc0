import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { insertTrainingRecord } from '../../src/core/credits/training-records.repository';
import { draftTrainingBulletin } from '../../src/core/ranking/draft.service';
import { announceAt } from '../../src/core/ranking/calm';
import { rankingPublish } from '../../src/features/ranking/ranking-actions';
import announceJob from '../../src/features/ranking/unit-ranking-announce.job';
import { Harness } from '../helpers/harness';
import { buttonValue, cardOf, cardTitle, expectToast } from '../helpers/cards';
import { CITY_CHAT, DRAFT_AT, ORGANS, RANKING_RULES, chatOf, rankingOrg, seedNovember, tableRows, titled } from './helpers';

describe('announcements wait for the next workday morning', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('knows the window: now inside it, today 09:00 before it, the next workday 09:00 after it or on a holiday', async () => {
    h = await Harness.start({ org: rankingOrg(), rules: RANKING_RULES });
    const { calendar, rules } = h.app.deps;
    const at = (iso: string) => announceAt(new Date(iso), calendar, rules.unit_rating.announce_window).toISOString();
    expect(at('2026-12-10T10:30:00+08:00')).toBe(new Date('2026-12-10T10:30:00+08:00').toISOString());
    expect(at('2026-12-10T07:10:00+08:00')).toBe(new Date('2026-12-10T09:00:00+08:00').toISOString());
    expect(at('2026-12-11T20:00:00+08:00')).toBe(new Date('2026-12-14T09:00:00+08:00').toISOString()); // Friday night → Monday
    // 国庆节 2026 runs 1–7 October: a click on the 2nd waits for Thursday the 8th.
    expect(calendar.holidayName('2026-10-07')).toBe('国庆节');
    expect(at('2026-10-02T11:00:00+08:00')).toBe(new Date('2026-10-08T09:00:00+08:00').toISOString());
  });

  it('publishes at night, sends nothing until the announce job runs on the next workday morning', async () => {
    h = await Harness.start({ org: rankingOrg(), rules: RANKING_RULES, now: '2026-12-01T10:00:00+08:00' });
    await seedNovember(h);
    await h.runJob('unit-ranking', DRAFT_AT);
    const review = titled(h, '马管理', '审核 · 2026年11月')[0]!;
    h.clock.set('2026-12-11T20:00:00+08:00');
    const answer = await h.click('马管理', review, buttonValue(cardOf(review), rankingPublish));
    expectToast(answer, 'success', '现在是非工作时间，通报将于 12月14日 09:00 发送');
    for (const o of ORGANS) expect(h.inbox(chatOf(o.id))).toEqual([]);
    expect(Harness.textOf(answer.card!.data)).toContain('第 1 版将于 12月14日 09:00 发送（非工作时间不发送）');

    expect(announceJob.periodAt(h.depsAt('2026-12-12T10:00:00+08:00'))).toBeNull(); // Saturday
    expect(announceJob.periodAt(h.depsAt('2026-12-14T08:59:00+08:00'))).toBeNull();
    const run = await h.runJob('unit-ranking-announce', '2026-12-14T09:00:00+08:00');
    expect(run.message).toContain('发送排名通报 1 份（4 个单位）');
    for (const o of ORGANS) expect(h.inbox(chatOf(o.id))).toHaveLength(1);
    expect(h.inbox(CITY_CHAT)).toHaveLength(1);
    // Nothing goes out twice, whatever runs again.
    await h.runJob('unit-ranking-announce', '2026-12-15T09:00:00+08:00');
    for (const o of ORGANS) expect(h.inbox(chatOf(o.id))).toHaveLength(1);
  });
});

describe('the 学时 bulletin of a credits checkpoint', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('drafts unit completion rates at the mid-year checkpoint, reviewed and published the same way, without classes', async () => {
    h = await Harness.start({ org: rankingOrg(), rules: RANKING_RULES, now: '2026-01-05T10:00:00+08:00' });
    // On track at mid-year: half of each requirement (≥ 45 of 90 集中, ≥ 25 of 50 网络). 市财政局 2 of 4, 市教育局 3 of 3, the others none.
    const onTrack = ['钱局长', '钱科员一', '赵局长', '赵科员一', '赵科员二'];
    for (const name of onTrack) {
      for (const [kind, hours] of [['offline', 48], ['online', 26]] as const) {
        await insertTrainingRecord(h.db, { id: newId('tr'), openId: h.person(name).open_id, date: '2026-03-10', title: `专题培训（${kind}）`, kind, hours, required: true, source: 'import', status: 'approved', fingerprint: null, note: null, createdAt: '2026-03-10T02:00:00.000Z' });
      }
    }
    h.clock.set('2026-06-30T09:00:00+08:00');
    expect(await draftTrainingBulletin(h.depsAt('2026-06-30T09:00:00+08:00'), '2026-midyear')).toBe('2026年年中学时完成情况通报：生成草稿 1 份（4 个单位），发出审核卡片 2 张');
    await h.settle();
    const review = titled(h, '马管理', '审核 · 2026年年中 学时完成情况通报')[0]!;
    expect(Harness.textOf(cardOf(review))).not.toContain('调整类别');
    await h.click('马管理', review, buttonValue(cardOf(review), rankingPublish));
    const card = cardOf(h.inbox(chatOf('A1'))[0]!);
    expect(cardTitle(card)).toBe('2026年年中 学时完成情况通报');
    expect(tableRows(card).map((r) => [r.rank, r.unit, r.score, r.detail])).toEqual([
      ['1', '市教育局', '100%', '3/3 人'],
      ['2', '▶ 市财政局（本单位）', '50%', '2/4 人'],
      ['3（并列）', '市民政局', '0%', '0/3 人'],
      ['3（并列）', '市司法局', '0%', '0/3 人'],
    ]);
    expect(Harness.textOf(card)).toContain('学时达标率 **50%**（2/4 人）');
    expect(JSON.stringify(card)).not.toMatch(/先进单位|工作提示单位/);
  });
});
