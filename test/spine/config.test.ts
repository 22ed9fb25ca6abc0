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
  it('runs in sandbox mode with no LARK_APP_ID and uses the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ sandbox: true, port: 3000, databaseUrl: 'file:./data/pingshi.db', baseUrl: 'https://open.feishu.cn', scheduler: true });
  });

  it('stops with one line naming the variable and the fix', () => {
    expect(() => loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k' })).toThrowError(
      /^LARK_VERIFICATION_TOKEN is required when LARK_APP_ID is set: set it to the Verification Token/,
    );
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/^DATABASE_URL is invalid: must start with file: or postgres:\/\//);
    expect(() => loadConfig({ PINGSHI_SCHEDULER: 'sometimes' })).toThrowError(/^PINGSHI_SCHEDULER is invalid/);
    try {
      loadConfig({ LARK_BASE_URL: 'not a url' });
    } catch (e) {
      expect((e as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('gives every default rule a basis (national / local-common / design)', () => {
    const missing = leaves(defaultRules()).filter((p) => !basisOf(p));
    expect(missing).toEqual([]);
    expect(basisOf('quarterly.good_quota.max_share')).toBe('local-common');
    expect(basisOf('training.annual_required_hours')).toBe('national');
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
    expect(() => loadRules(join(dir, 'missing.yaml'))).toThrowError(/cannot read/);
  });
});
