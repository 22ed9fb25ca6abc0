import { stableHex } from './ids';
import { buildOrg, orgToCsv, type SandboxOrg } from './org';

const chat = (deptId: string): string => `oc_${stableHex(`chat:${deptId}`)}`;

export const DEMO_TENANT_KEY = 'demo_tenant_2ca1d211';

/**
 * 某市某局 with two 处室; 13 people. 陈思远 is also 考核管理员 (unit_admin) and 刘洋 the city admin
 * (he sits in 办公室 because personnel work is done there in a small 局).
 */
export function demoOrg(): SandboxOrg {
  return buildOrg({
    tenantKey: DEMO_TENANT_KEY,
    root: {
      id: 'D100',
      name: '某市某局',
      chatId: chat('D100'),
      leader: { name: '王建国', userId: 'wangjianguo', jobTitle: '局长', level: '正职', roles: ['supervisor'] },
    },
    units: [
      {
        id: 'D110',
        name: '办公室',
        chatId: chat('D110'),
        leader: { name: '李明华', userId: 'liminghua', jobTitle: '办公室主任', level: '正职' },
        staff: [
          { name: '张丽', userId: 'zhangli', jobTitle: '办公室副主任', level: '副职' },
          { name: '陈思远', userId: 'chensiyuan', jobTitle: '一级主任科员', roles: ['staff', 'unit_admin'] },
          { name: '刘洋', userId: 'liuyang', jobTitle: '人事科员', roles: ['staff', 'admin'] },
          { name: '赵敏', userId: 'zhaomin', jobTitle: '四级主任科员' },
          { name: '孙浩', userId: 'sunhao', jobTitle: '一级科员' },
        ],
      },
      {
        id: 'D120',
        name: '政策法规处',
        chatId: chat('D120'),
        leader: { name: '周文涛', userId: 'zhouwentao', jobTitle: '处长', level: '正职' },
        staff: [
          { name: '吴婷', userId: 'wuting', jobTitle: '副处长', level: '副职' },
          { name: '郑凯', userId: 'zhengkai', jobTitle: '二级主任科员' },
          { name: '王芳', userId: 'wangfang', jobTitle: '三级主任科员' },
          { name: '冯磊', userId: 'fenglei', jobTitle: '一级科员' },
          { name: '何静', userId: 'hejing', jobTitle: '二级科员' },
        ],
      },
    ],
  });
}

/** The same organisation in the org-import CSV format (CONTRACT.md). */
export function demoOrgCsv(): string {
  return orgToCsv(demoOrg());
}
