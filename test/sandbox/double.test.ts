import { afterEach, describe, expect, it } from 'vitest';
import { buildOrg, demoOrg, LarkCodes, type LarkSandbox } from '../../src/sandbox';
import { card, sdkClient, startSandbox } from './helpers';

let sb: LarkSandbox;
afterEach(async () => sb?.stop());

const org = demoOrg();
const staff = org.users.find((u) => u.name === '赵敏')!;
type Fail = { response?: { status: number; data: { code: number; msg: string } }; code?: string };
const answer = (p: Promise<{ code?: number; msg?: string }>) =>
  p.then(
    (r) => ({ status: 200, code: r.code ?? 0, msg: r.msg ?? '' }),
    (e: Fail) => (e.response ? { status: e.response.status, code: e.response.data.code, msg: e.response.data.msg } : { status: 0, code: -1, msg: String(e.code) }),
  );

describe('the sandbox as a Feishu double', () => {
  it('takes a delayed update only after the callback was answered, twice, within 30 minutes', async () => {
    let now = 1_700_000_000_000;
    sb = await startSandbox({ org, now: () => now });
    const client = sdkClient(sb);
    const sent = await client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: staff.open_id, msg_type: 'interactive', content: JSON.stringify(card('原卡')) } });
    const id = sent.data!.message_id!;
    const update = (token: string, c: unknown = card('更新')) => answer(client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: c } }));
    sb.issueCallbackToken('c-1', id, staff.open_id);
    expect(await update('c-1')).toMatchObject({ status: 400, msg: expect.stringContaining('not been answered') });
    sb.callbackAnswered('c-1');
    expect(await update('c-1', { ...card('坏卡'), extra: 1 })).toMatchObject({ status: 400, code: 230099, msg: expect.stringContaining('ErrCode: 11310; ErrMsg: unknown property extra') });
    expect((await update('c-1')).code).toBe(0);
    expect((await update('c-1')).code).toBe(0);
    expect(await update('c-1')).toMatchObject({ status: 400, msg: expect.stringContaining('used up') });
    sb.issueCallbackToken('c-2', id, staff.open_id);
    sb.callbackAnswered('c-2');
    now += 30 * 60_000;
    expect(await update('c-2')).toMatchObject({ status: 400, msg: expect.stringContaining('expired') });
    expect(sb.message(id)!.patches).toHaveLength(2);
  });

  it('lists only direct members, department 0 included, within the contact range and field scopes', async () => {
    const bureau = buildOrg({ name: '某局', rootPeople: [{ name: '局长' }], units: [{ id: 'D1', name: '处室', leader: { name: '处长' }, staff: [{ name: '科员' }] }] });
    sb = await startSandbox({ org: bureau });
    const client = sdkClient(sb);
    const users = (dept: string) => client.contact.v3.user.findByDepartment({ params: { department_id: dept, department_id_type: 'department_id', page_size: 50 } });
    expect((await users('0')).data!.items!.map((u) => u.name)).toEqual(['局长']);
    expect((await users('D1')).data!.items!.map((u) => u.name)).toEqual(['处长', '科员']);
    const root = await client.request<{ data: { department: { name: string } } }>({ method: 'GET', url: '/open-apis/contact/v3/departments/0' });
    expect(root.data.department.name).toBe('某局');

    sb.contacts = { allMembers: false, departments: ['D1'], fieldScopes: ['contact:user.department:readonly'] };
    expect(await answer(users('0'))).toMatchObject({ status: 400, code: LarkCodes.noDeptAuthority });
    const hidden = (await users('D1')).data!.items![0]!;
    expect(hidden.name).toBeUndefined();
    expect(hidden.user_id).toBeUndefined();
    expect(hidden.department_ids).toEqual(['D1']);
  });

  it('fails every call during an outage, by 503 or by resetting the connection, and recovers after it', async () => {
    let now = 1_700_000_000_000;
    sb = await startSandbox({ org, now: () => now });
    const client = sdkClient(sb);
    const send = () => answer(client.im.v1.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: staff.open_id, msg_type: 'text', content: '{"text":"x"}' } }));
    expect((await send()).code).toBe(0);
    sb.startOutage(60_000);
    expect(await send()).toMatchObject({ status: 503 });
    sb.startOutage(60_000, 'reset');
    expect(await send()).toMatchObject({ status: 0, msg: 'ECONNRESET' });
    now += 60_000;
    expect((await send()).code).toBe(0);
  });

  it('answers a revoked (expired) tenant token with HTTP 400 and 99991663', async () => {
    sb = await startSandbox({ org });
    const client = sdkClient(sb);
    await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' });
    sb.revokeTokens();
    expect(await answer(client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }))).toMatchObject({ status: 400, code: LarkCodes.invalidAccessToken });
  });
});
