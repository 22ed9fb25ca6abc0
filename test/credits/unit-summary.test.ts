import { describe, expect, it } from 'vitest';
import { unitCompletion, yearProgress } from '../../src/core/credits';
import { rec, training } from './helpers';

const progressOf = (offline: number, online: number) =>
  yearProgress([rec(offline), rec(online, 'online')], training, { year: 2026 });

describe('unitCompletion', () => {
  // Issue 10 item 6: the two requirements are separate, so shortfalls add up and are named.
  it('counts, rates to 4 decimals and lists who is behind, most missing first', () => {
    const summary = unitCompletion([
      { openId: 'ou_1', name: '张三', progress: progressOf(90, 50) },
      { openId: 'ou_2', name: '李四', progress: progressOf(10, 20) },
      { openId: 'ou_3', name: '王五', progress: progressOf(70, 40) },
      { openId: 'ou_4', name: '阿明', progress: progressOf(60, 50) },
      { openId: 'ou_5', name: '赵六', progress: progressOf(90, 40) },
      { openId: 'ou_6', name: '陈七', progress: progressOf(100, 60) },
    ]);
    expect(summary.headcount).toBe(6);
    expect(summary.met).toBe(2);
    expect(summary.completionRate).toBe(0.3333);
    expect(summary.behind).toEqual([
      { openId: 'ou_2', name: '李四', remainingHours: 110, missing: '集中培训差 80 学时、网络学习差 30 学时' },
      { openId: 'ou_4', name: '阿明', remainingHours: 30, missing: '集中培训差 30 学时' },
      { openId: 'ou_3', name: '王五', remainingHours: 30, missing: '集中培训差 20 学时、网络学习差 10 学时' },
      { openId: 'ou_5', name: '赵六', remainingHours: 10, missing: '网络学习差 10 学时' },
    ]);
  });

  it('is 0 for an empty unit', () => {
    expect(unitCompletion([])).toEqual({ headcount: 0, met: 0, completionRate: 0, behind: [] });
  });
});
