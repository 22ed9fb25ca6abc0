import { defineAction } from '../../src/dispatch/define';
import { WEEKLY_CONFIRM } from '../weekly-review.card';
import { reviewAction } from './weekly-review-action';

export default defineAction({ key: WEEKLY_CONFIRM, run: (ctx, input) => reviewAction(ctx, input, 'confirm') });
