import { defineAction } from '../../src/dispatch/define';
import { writableWeek } from '../../src/core/weekly/week-window';
import { formView } from '../../src/core/weekly/weekly-views';
import { weeklyFormCard } from '../weekly-form.card';
import { WEEKLY_EDIT } from '../weekly-receipt.card';
import { weekOf } from './weekly-values';

/** 修改周记: reopens the clicker's own record for the card's week (whoever's card it was). */
export default defineAction({
  key: WEEKLY_EDIT,
  async run(ctx, { value }) {
    const now = ctx.deps.clock.now();
    const schedule = writableWeek(ctx.deps, weekOf(value), now);
    const vm = await formView(ctx.deps, ctx.deps.db, ctx.actor!, schedule, 'form', now);
    return { card: { type: 'raw', data: weeklyFormCard(vm) } };
  },
});
