import { defineAction } from '../../../commands/define-command';
import { openWeeklyForm } from '../../core/weekly/weekly.service';
import { weeklyFormCard } from './weekly-form.card';
import { WEEKLY_EDIT } from './weekly-receipt.card';
import { weekOf } from './weekly-values';

/** 修改周记: reopens the clicker's own record for the card's week (whoever's card it was). */
export default defineAction({
  key: WEEKLY_EDIT,
  async run(ctx, { value }) {
    return { card: { type: 'raw', data: weeklyFormCard(await openWeeklyForm(ctx.deps, ctx.actor!, weekOf(value), 'form')) } };
  },
});
