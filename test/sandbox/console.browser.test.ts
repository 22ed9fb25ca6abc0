import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/serve';
import { loadConfig } from '../../src/config/env';
import { card, CHROMIUM, CHROMIUM_ARGS, composerWidth, expectCleanPage, hasChromium, moveClock, openChat, press, shot, SHOTS } from './console-page';

if (!hasChromium) {
  console.warn(`[console.browser] 跳过：未找到 ${CHROMIUM}。在 Debian 上运行 apt-get install -y chromium fonts-noto-cjk（.ci/run 会自动安装）。`);
}

/**
 * The whole rhythm in a browser, through `serve` in sandbox mode: a weekly record by form card, the
 * supervisor's confirmation, the month's grading after moving the clock, the quarter's determination
 * by the unit admin after moving past the quarter, and the feedback the staff member sees.
 */
describe.skipIf(!hasChromium)('the sandbox console in a browser', () => {
  let dir: string;
  let stop: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  let consoleUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingshi-console-'));
    let printed = '';
    const out = new Writable({ write: (chunk, _enc, done) => ((printed += String(chunk)), done()) });
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'pingshi.db')}`, PORT: '0', PINGSHI_SCHEDULER: 'off', LOG_LEVEL: 'silent' });
    // Monday 8 June 2026, 10:00: the week of the Dragon Boat Festival follows, the quarter ends three weeks later.
    stop = await serve(config, { out, err: out }, { sandboxStart: new Date('2026-06-08T10:00:00+08:00') });
    consoleUrl = /控制台：(\S+)/.exec(printed)![1]!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--lang=zh-CN'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    page.on('dialog', (d) => void d.accept());
  });

  afterAll(async () => {
    await browser?.close();
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays a week, a month and a quarter in minutes', { timeout: 180_000 }, async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(consoleUrl);
    await expect.poll(() => page.locator('#clock-now').innerText()).toContain('2026年6月8日 周一');
    // The clock and the people arrive in separate requests: wait for the sidebar too.
    await expect.poll(() => page.locator('#sidebar').innerText()).toContain('一级主任科员 · 工作人员、考核管理员');

    // 孙浩 writes his weekly record on the form card.
    await openChat(page, '孙浩');
    await page.locator('#quick [data-menu="log"]').click();
    const form = card(page, '填写周记');
    await form.getByLabel('本周完成工作').fill('1. 起草《政务信息报送办法》修订稿\n2. 完成第二季度档案整理 *重点* 工作');
    await form.getByLabel('下周计划').fill('督办端午节前安全检查');
    expect(await composerWidth(page)).toBeGreaterThan(600);
    await press(page, form, '提交周记', '周记已提交');
    await shot(page, '01-staff-weekly-record');
    await expectCleanPage(page);

    // His supervisor confirms it.
    await openChat(page, '李明华');
    const review = card(page, '周记待确认 · 孙浩');
    expect(await review.innerText()).toContain('起草《政务信息报送办法》修订稿');
    await press(page, review, '确认', /确认/);
    await card(page, '周记已确认 · 孙浩').waitFor();
    await shot(page, '02-supervisor-confirms');
    await expectCleanPage(page);

    // Next month's first workday: every week's prompt and reminder on the way, then the grading cards.
    const report = await moveClock(page, '下月第一个工作日');
    expect(report).toContain('2026年7月1日 周三 09:00');
    expect(report).toMatch(/周记填写提醒[\s\S]*周记补交提醒[\s\S]*月度评鉴卡片/);
    await shot(page, '03-clock-next-month');
    const grading = card(page, '月度考核评鉴 · 孙浩', '2026年6月');
    await grading.getByLabel(/^工作实绩/).fill('94');
    await grading.getByLabel(/^工作作风/).fill('92');
    await grading.getByLabel('评语').fill('工作扎实，文稿质量高。');
    expect(await grading.getByLabel('评定等次（默认按分数段建议）').isVisible()).toBe(true);
    await grading.getByLabel('评语').scrollIntoViewIfNeeded();
    await shot(page, '04-grading-form');
    await press(page, grading, '提交评鉴', /评鉴|已/);
    await shot(page, '05-supervisor-graded-june');
    await expectCleanPage(page);

    // Past the quarter: the admin's /审定 finds the quarter that just closed, on the same clock as the job.
    expect(await moveClock(page, '季度审定日')).toContain('季度审定');
    await openChat(page, '陈思远');
    await page.locator('#text').fill('审定');
    await page.locator('#send').click();
    // The chat may already hold an earlier text from the bot: wait for this answer itself.
    await expect.poll(() => page.locator('#messages').innerText(), { timeout: 20_000 }).toContain('2026年第二季度有');
    // The 好 quota is counted over the organ, so the card is the organ's pool.
    const determination = card(page, '季度审定 · 某市某局 · 一般干部');
    expect(await determination.innerText()).toContain('孙浩');
    await determination.scrollIntoViewIfNeeded();
    await shot(page, '06-determination-card');
    // 陈思远's own tier is in this pool: his confirmation waits for a second admin (回避).
    await press(page, determination, '确认审定', /另一位管理员复核/);
    await openChat(page, '刘洋');
    // The request to countersign arrives as a message of its own, after the pool's card was updated.
    const countersign = card(page, '季度审定 · 某市某局 · 一般干部', '陈思远 已确认本组结果');
    await countersign.waitFor();
    expect(await countersign.innerText()).toContain('须由另一位考核管理员或公务员局管理员复核确认');
    await press(page, countersign, '确认审定', /已确认审定并锁定/);
    await shot(page, '07-admin-confirmed-quarter');
    await expectCleanPage(page);

    // 孙浩 sees his feedback, also on a phone-width window.
    await openChat(page, '孙浩');
    const feedback = card(page, '平时考核结果反馈 · 2026年第二季度');
    await feedback.waitFor();
    // He joined in June (the demo organisation was created then): one graded month makes the quarter 不定等次.
    expect(await feedback.innerText()).toMatch(/等次：(好|较好|一般|较差|不定等次)/);
    await shot(page, '08-staff-feedback');
    await expectCleanPage(page);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.goto(consoleUrl);
    await phone.locator('#drawer-toggle').click();
    await phone.locator('#sidebar .side-name', { hasText: '陈思远' }).waitFor();
    await shot(phone, '09-phone-people');
    await openChat(phone, '孙浩');
    await card(phone, '平时考核结果反馈 · 2026年第二季度').waitFor();
    expect(await composerWidth(phone)).toBeGreaterThan(200);
    expect(await phone.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, '10-phone-feedback');
    await expectCleanPage(phone);
    expect(errors).toEqual([]);
    console.info(`[console.browser] 截图：${SHOTS}`);
  });
});
