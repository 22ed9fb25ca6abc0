import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/io/log';
import { secretsOf } from '../../src/io/redact';
import { loadConfig } from '../../src/config/env';
import { cli, tempDir } from './cli';

const PASSWORD = 'S3cret-Pw/with@signs';
const REAL = { LARK_APP_ID: 'cli_real0001', LARK_APP_SECRET: 'app-secret-value-1234', LARK_ENCRYPT_KEY: 'encrypt-key-value-1234', LARK_VERIFICATION_TOKEN: 'verification-token-1234' };

describe('secrets in what the operator sees', () => {
  it('doctor shows the database URL as postgres://user:***@host/db', async () => {
    const run = await cli(['doctor'], { DATABASE_URL: `postgres://pingshi:${encodeURIComponent(PASSWORD)}@127.0.0.1:1/pingshi` });
    expect(run.code).toBe(1);
    expect(run.out).toContain('数据库：postgres://pingshi:***@127.0.0.1:1/pingshi 无法连接');
    expect(run.out + run.err).not.toContain('S3cret');
  });

  it('an invalid DATABASE_URL is named without its password, by doctor and at start-up', async () => {
    const env = { DATABASE_URL: `mysql://root:${PASSWORD}@db.internal/pingshi` };
    const doctor = await cli(['doctor'], env);
    expect(doctor.out).toContain('DATABASE_URL 无效：应以 file: 或 postgres:// 开头（当前值 "mysql://root:***@db.internal/pingshi"）');
    const start = await cli(['serve'], env);
    expect(start.code).toBe(1);
    expect(start.err.trim().split('\n')).toHaveLength(1);
    for (const text of [doctor.out, doctor.err, start.err]) expect(text).not.toContain('S3cret');
  });

  it('log lines never carry the app secret, keys, a database password or a bearer token', () => {
    const lines: string[] = [];
    const config = loadConfig({ ...REAL, DATABASE_URL: `postgres://pingshi:${encodeURIComponent(PASSWORD)}@db/pingshi` });
    const log = createLogger('info', secretsOf(config), { write: (l: string) => lines.push(l) });
    // The shape of an SDK (axios) failure: the request that failed rides along with the error.
    const err = Object.assign(new Error('Request failed with status code 500'), {
      config: {
        url: 'https://open.feishu.cn/open-apis/auth/v3/tenant_access_token/internal',
        headers: { Authorization: 'Bearer t-g1044ab7XYZtoken' },
        data: JSON.stringify({ app_id: config.appId, app_secret: config.appSecret }),
      },
      db: config.databaseUrl,
      note: `decrypting with ${config.encryptKey}, token ${config.verificationToken}`,
    });
    log.error({ err }, 'token request failed');
    const text = lines.join('');
    expect(text).toContain('token request failed');
    for (const secret of [REAL.LARK_APP_SECRET, REAL.LARK_ENCRYPT_KEY, REAL.LARK_VERIFICATION_TOKEN, 'S3cret', 't-g1044ab7XYZtoken']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('start-up with some LARK_* variables set', () => {
  const db = () => ({ DATABASE_URL: `file:${join(tempDir('startup'), 'pingshi.db')}` });

  it('stops on a misspelt LARK_APP_ID instead of starting the sandbox, naming what is missing', async () => {
    const { LARK_APP_ID, ...rest } = REAL;
    const run = await cli(['serve'], { ...db(), ...rest, LARK_APPID: LARK_APP_ID });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.trim().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/^缺少 LARK_APP_ID：.*LARK_APPID（应为 LARK_APP_ID？）/);
    expect(run.err).not.toContain(REAL.LARK_APP_SECRET);
  });

  it('stops when only LARK_APP_SECRET is set, naming the three missing variables', async () => {
    const run = await cli(['serve'], { ...db(), LARK_APP_SECRET: REAL.LARK_APP_SECRET });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/^缺少 LARK_APP_ID、LARK_ENCRYPT_KEY、LARK_VERIFICATION_TOKEN：已设置 LARK_APP_SECRET，因此不会以沙箱模式启动/);
  });
});
