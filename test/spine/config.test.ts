import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env';
import { loadRules } from '../../src/config/load-rules';
import { basisOf } from '../../src/core/rules/basis';
import { defaultRules, RulesError } from '../../src/core/rules/rules';

function leaves(obj: unknown, prefix = ''): string[] {
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('configuration', () => {
  it('runs in sandbox mode only when no LARK_* variable is set, with the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ sandbox: true, port: 3000, databaseUrl: 'file:./data/pingshi.db', baseUrl: 'https://open.feishu.cn', scheduler: true, bodyTimeoutMs: 10_000 });
    const real = loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 'secret-1', LARK_ENCRYPT_KEY: 'key-1', LARK_VERIFICATION_TOKEN: 'token-1' });
    expect(real.sandbox).toBe(false);
  });

  it('stops instead of falling back to the sandbox when some LARK_* variables are set, naming the missing ones', () => {
    const oneLine = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as Error).message.split('\n')).toHaveLength(1);
        return (e as Error).message;
      }
      throw new Error('started');
    };
    const typo = oneLine({ LARK_APPID: 'cli_x', LARK_APP_SECRET: 'secret-1', LARK_ENCRYPT_KEY: 'key-1', LARK_VERIFICATION_TOKEN: 'token-1' });
    expect(typo).toMatch(/^缺少 LARK_APP_ID：/);
    expect(typo).toContain('LARK_APPID（应为 LARK_APP_ID？）');
    expect(typo).not.toContain('secret-1');
    expect(oneLine({ LARK_APP_SECRET: 'secret-1' })).toMatch(/^缺少 LARK_APP_ID、LARK_ENCRYPT_KEY、LARK_VERIFICATION_TOKEN：.*删除所有 LARK_\* 变量/);
    expect(oneLine({ LARK_BASE_URL: 'https://open.larksuite.com' })).toMatch(/^缺少 LARK_APP_ID、LARK_APP_SECRET、LARK_ENCRYPT_KEY、LARK_VERIFICATION_TOKEN/);
    expect(oneLine({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k' })).toMatch(/^缺少 LARK_VERIFICATION_TOKEN：/);
  });

  it('stops with one line naming the variable and the fix, never quoting a password', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/^PORT 无效：应为 0–65535 的整数（当前值 "eighty"）/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:hunter2-pw@db/x' })).toThrowError(/^DATABASE_URL 无效：应以 file: 或 postgres:\/\/ 开头（当前值 "mysql:\/\/root:\*\*\*@db\/x"）/);
    expect(() => loadConfig({ PINGSHI_SCHEDULER: 'sometimes' })).toThrowError(/^PINGSHI_SCHEDULER 无效：只能是 on 或 off/);
    expect(() => loadConfig({ PINGSHI_BODY_TIMEOUT_MS: '5' })).toThrowError(/^PINGSHI_BODY_TIMEOUT_MS 无效/);
    expect(loadConfig({ PINGSHI_BODY_TIMEOUT_MS: '250' }).bodyTimeoutMs).toBe(250);
    expect(() => loadConfig({ LARK_BASE_URL: 'not a url' })).toThrowError(/^LARK_BASE_URL 无效：应为网址/);
  });

  it('gives every default rule a basis (national / local-common / design)', () => {
    const missing = leaves(defaultRules()).filter((p) => !basisOf(p));
    expect(missing).toEqual([]);
    expect(basisOf('quarterly.good_quota.max_share')).toBe('local-common');
    expect(basisOf('training.requirements')).toBe('national');
    expect(basisOf('quarterly.quota_scope')).toBe('national');
    expect(basisOf('quarterly.month_caps')).toBe('design');
  });

  it('layers a YAML rules file over the defaults and rejects a bad value in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingshi-rules-'));
    const good = join(dir, 'rules.yaml');
    writeFileSync(good, 'quarterly:\n  good_quota:\n    max_share: 0.3\ncalendar:\n  extra_holidays: ["2027-01-01"]\n');
    const rules = loadRules(good);
    expect(rules.quarterly.good_quota.max_share).toBe(0.3);
    expect(rules.quarterly.good_quota.rounding).toBe('floor');
    expect(rules.calendar.extra_holidays).toEqual(['2027-01-01']);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'scoring:\n  bands:\n    好: 70\n    较好: 80\n');
    expect(() => loadRules(bad)).toThrowError(RulesError);
    expect(() => loadRules(bad)).toThrowError(/设置 scoring.bands 无效：分数段须满足 好 > 较好 > 一般/);
    expect(() => loadRules(join(dir, 'missing.yaml'))).toThrowError(/PINGSHI_RULES：无法读取/);
  });
});
