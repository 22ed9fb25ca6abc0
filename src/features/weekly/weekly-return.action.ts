import { defineAction } from '../../../commands/define-command';
import { WEEKLY_RETURN } from './weekly-review.card';
import { reviewAction } from './weekly-review-decision';

export default defineAction({ key: WEEKLY_RETURN, run: (ctx, input) => reviewAction(ctx, input, 'return') });
