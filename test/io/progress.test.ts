import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/io/progress';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('progress without a TTY', () => {
  it('prints a line each 10%', () => {
    const s = sink();
    const p = createProgress('导入', { stream: s.stream });
    for (let i = 1; i <= 1000; i++) p.update(i, 1000);
    p.finish();
    const lines = s.text().trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('导入: 10% (100/1000)');
    expect(lines.at(-1)).toBe('导入: 100% (1000/1000)');
  });

  it('prints the final count on finish when the total is unknown', () => {
    const s = sink();
    const p = createProgress('导出', { stream: s.stream, step: 100 });
    for (let i = 1; i <= 250; i++) p.update(i);
    p.finish();
    p.finish();
    expect(s.text()).toBe('导出: 100\n导出: 200\n导出: 250\n');
  });

  it('is silent when asked', () => {
    const s = sink();
    const p = createProgress('x', { stream: s.stream, silent: true });
    p.update(5, 10);
    p.finish();
    expect(s.text()).toBe('');
  });
});
