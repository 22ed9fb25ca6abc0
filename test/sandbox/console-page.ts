import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's chromium, which `.ci/run` installs when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const hasChromium = existsSync(CHROMIUM);

export const SHOTS = join(process.cwd(), 'test-output', 'console');

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Opens a person's or group chat's conversation from the sidebar (the drawer on a phone). */
export async function openChat(page: Page, name: string): Promise<void> {
  const toggle = page.locator('#drawer-toggle');
  const drawerOpen = await page.locator('body').evaluate((body) => body.classList.contains('drawer-open'));
  if (!drawerOpen && (await toggle.isVisible())) await toggle.click();
  await page.locator('#sidebar .side-item', { has: page.locator('.side-name', { hasText: new RegExp(`^${name}$`) }) }).click();
  await page.locator('#chat-head strong', { hasText: name }).waitFor();
}

/** The latest message whose card title contains `title` (and, if given, whose text contains `text`). */
export function card(page: Page, title: string, text?: string): Locator {
  let msgs = page.locator('#messages .msg', { has: page.locator('.card-title', { hasText: title }) });
  if (text) msgs = msgs.filter({ hasText: text });
  return msgs.last();
}

/** Clicks a card button and waits for the bot's toast. */
export async function press(page: Page, where: Locator, button: string, toast: string | RegExp): Promise<void> {
  await where.getByRole('button', { name: button, exact: true }).click();
  await page.locator('#toasts .toast', { hasText: toast }).last().waitFor({ timeout: 20_000 });
}

/** Moves the sandbox clock with one of the clock bar's buttons and waits for the report of what ran. */
export async function moveClock(page: Page, target: string): Promise<string> {
  await page.locator('#clock-targets .target', { hasText: target }).click();
  const report = page.locator('#report', { hasText: '已拨到' });
  await report.waitFor({ timeout: 60_000 });
  return report.innerText();
}

/**
 * What a reader sees is what Feishu would show: no markdown syntax, no JSON, no English role or
 * message-type names, and no timestamp drawn over a card's header.
 */
export async function expectCleanPage(page: Page): Promise<void> {
  const text = await page.innerText('body');
  expect(text).not.toContain('**');
  expect(text).not.toMatch(/[{[]\s*"[A-Za-z_]+"\s*:/);
  expect(text).not.toMatch(/\b(interactive|unit_admin|supervisor|staff|plain_text|markdown)\b/);
  expect(text).not.toContain('控制台未支持的组件');
  const overlaps = await page.$$eval('#messages .msg', (msgs) =>
    msgs.filter((m) => {
      const meta = m.querySelector('.msg-meta')?.getBoundingClientRect();
      const head = m.querySelector('.card-header, .card-body')?.getBoundingClientRect();
      return meta && head && meta.bottom > head.top + 0.5;
    }).length,
  );
  expect(overlaps).toBe(0);
}

/** The chat input's width in px: usable, not squeezed (it was 25 px at 1280 px). */
export const composerWidth = (page: Page): Promise<number> => page.locator('#text').evaluate((el) => el.getBoundingClientRect().width);
