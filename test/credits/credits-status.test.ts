import { afterEach, describe, expect, it } from 'vitest';
import { trainingMetByPerson } from '../../src/core/credits/credits-status';
import { Harness } from '../helpers/harness';
import { dialectsUnderTest } from '../helpers/stores';
import { importFile, tempDir, trainingCsv } from './flow-helpers';

describe.each(dialectsUnderTest())('trainingMetByPerson (%s)', (dialect) => {
  let h: Harness;
  let tmp: ReturnType<typeof tempDir>;
  afterEach(async () => {
    await h?.close();
    tmp?.remove();
  });

  it('says per person whether the year’s requirement is met, for everyone asked', async () => {
    tmp = tempDir();
    h = await Harness.start({ dialect });
    const zhao = h.person('赵敏').open_id;
    const sun = h.person('孙浩').open_id;
    await importFile(
      h,
      tmp.file(
        't.csv',
        trainingCsv([
          [zhao, '2026-02-01', '网络专题', 'online', '50', '0'],
          [zhao, '2026-03-01', '轮训', 'offline', '90', '0'],
          [sun, '2026-03-01', '轮训', 'offline', '120', '0'],
          [sun, '2025-03-01', '网络专题', 'online', '90', '0'],
          [sun, '2025-04-01', '轮训', 'offline', '90', '0'],
        ]),
      ),
    );
    const met = await trainingMetByPerson(h.db, h.app.deps.rules, 2026, [zhao, sun, 'ou_unknown']);
    expect([...met]).toEqual([
      [zhao, true],
      [sun, false],
      ['ou_unknown', false],
    ]);
    // Records count for their own calendar year only.
    expect((await trainingMetByPerson(h.db, h.app.deps.rules, 2025, [sun])).get(sun)).toBe(true);
  });
});
