import { defineAction } from '../../src/dispatch/define';
import { WEEKLY_RETURN } from '../weekly-review.card';
import { reviewAction } from './weekly-review-action';

export default defineAction({ key: WEEKLY_RETURN, run: (ctx, input) => reviewAction(ctx, input, 'return') });
