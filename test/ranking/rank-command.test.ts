import { afterEach, describe, expect, it } from 'vitest';
import { draftPeriod } from '../../src/core/ranking/draft.service';
import { findRanking } from '../../src/core/ranking/ranking.repository';
import { publishRanking } from '../../src/core/ranking/publish.service';
import { findPerson } from '../../src/core/org/people.repository';
import { cardTitle } from '../helpers/cards';
import { InProcess } from '../helpers/in-process';
import { demoOrg } from '../../src/sandbox';
import { tableRows } from './helpers';

const chatOf = (unitId: string) => demoOrg().departments.find((d) => d.department_id === unitId)!.chat_id!;

/** The demo 局 ranks its two 处室 (办公室, 政策法规处); 刘洋 is the city admin. */
describe('/排名 and 处室 ranked inside one organ', () => {
  let p: InProcess;
  afterEach(async () => p?.close());

  async function queuedTo(chatId: string) {
    const rows = await p.app.deps.db.selectFrom('outbox').selectAll().where('receive_id', '=', chatId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => JSON.parse(r.content) as Record<string, unknown>);
  }

  it('answers honestly before anything is published, then shows the caller’s 处室 highlighted', async () => {
    p = await InProcess.start({ now: '2026-10-01T10:00:00+08:00', rules: { unit_rating: { ranked: 'divisions' } } });
    await p.say('张丽', '排名');
    expect((await p.queuedFor('张丽')).at(-1)!.content).toEqual({ text: '目前还没有公布的单位排名。排名经公务员局审核发布后，可在这里查看。' });

    p.clock.set('2026-12-10T10:00:00+08:00');
    const drafted = await draftPeriod(p.app.deps, '2026-11');
    expect([drafted.drafted, drafted.units, drafted.reviewers]).toEqual([1, 2, 1]);
    const ranking = await findRanking(p.app.deps.db, '2026-11', 'D100');
    expect(ranking!.doc.scopeName).toBe('某市某局');

    // Only an admin reviews; `排名 审核` brings the cards back.
    await p.say('陈思远', '排名 审核');
    expect((await p.queuedFor('陈思远')).at(-1)!.content).toEqual({ text: '仅公务员局管理员可审核和发布单位评优评差结果。' });
    await p.say('刘洋', '排名 审核');
    const titles = (await p.queuedFor('刘洋')).filter((m) => m.kind === 'card').map((m) => cardTitle(m.content));
    expect(titles.slice(-2)).toEqual(['排名明细 · 2026年11月 单位评优评差（月度评价）', '审核 · 2026年11月 单位评优评差（月度评价）']);

    const admin = (await findPerson(p.app.deps.db, p.openId('刘洋')))!;
    const outcome = await publishRanking(p.app.deps, admin, { rankingId: ranking!.id, revision: ranking!.revision });
    expect(outcome.status).toBe('published');
    // Each 处室's chat gets its card, the 局's own chat the whole table (no city chat configured).
    expect((await queuedTo(chatOf('D110'))).map(cardTitle)).toEqual(['2026年11月 单位评优评差（月度评价）']);
    expect((await queuedTo(chatOf('D120'))).map(cardTitle)).toEqual(['2026年11月 单位评优评差（月度评价）']);
    expect(tableRows((await queuedTo(chatOf('D100')))[0]!).map((r) => r.unit).sort()).toEqual(['办公室', '政策法规处']);

    await p.say('张丽', '排名');
    const mine = (await p.queuedFor('张丽')).at(-1)!.content;
    expect(tableRows(mine).map((r) => r.unit)).toContain('▶ 办公室（本单位）');
    // 王建国 sits in the 局 itself, which is not one of the ranked 处室: the table, nothing highlighted.
    await p.say('王建国', '排名');
    const his = (await p.queuedFor('王建国')).at(-1)!.content;
    expect(tableRows(his).map((r) => r.unit).sort()).toEqual(['办公室', '政策法规处']);
    await p.say('王建国', '排名 2026-10');
    expect((await p.queuedFor('王建国')).at(-1)!.content).toEqual({ text: '2026年10月没有公布的单位排名。发送“排名”查看最近一次公布的排名。' });
  });
});
