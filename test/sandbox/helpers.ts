import * as lark from '@larksuiteoapi/node-sdk';
import { randomBytes } from 'node:crypto';
import { LarkSandbox, type LarkSandboxOptions } from '../../src/sandbox';

/** A unique appId per sandbox, because the SDK's token cache is process-global and keyed by appId. */
export const uniqueAppId = (): string => `cli_${randomBytes(8).toString('hex')}`;

export async function startSandbox(opts: Partial<LarkSandboxOptions> = {}): Promise<LarkSandbox> {
  const sb = new LarkSandbox({ appId: uniqueAppId(), appSecret: 'secret', seed: 42, ...opts });
  await sb.start();
  return sb;
}

// A silent logger: LoggerLevel.fatal is 0 and the SDK treats it as unset.
const noop = (): void => undefined;
const silent = { error: noop, warn: noop, info: noop, debug: noop, trace: noop };

export function sdkClient(sb: LarkSandbox, appSecret = 'secret'): lark.Client {
  return new lark.Client({ appId: sb.appId, appSecret, domain: sb.url, logger: silent });
}

export const card = (text: string, updateMulti = true) => ({
  schema: '2.0',
  config: { update_multi: updateMulti },
  header: { title: { tag: 'plain_text', content: '周记' }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: text }] },
});
