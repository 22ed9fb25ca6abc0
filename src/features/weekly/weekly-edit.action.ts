import { openWeeklyForm } from '../../core/weekly/weekly.service';
import { weeklyEdit } from './weekly-actions';
import { weeklyFormCard } from './weekly-form.card';

/** 修改周记: reopens the clicker's own record for the card's week (whoever's card it was). */
export default weeklyEdit.handle(async (ctx, { value }) => ({
  card: { type: 'raw', data: weeklyFormCard(await openWeeklyForm(ctx.deps, ctx.actor, { weekKey: value.week, purpose: 'form' })) },
}));
