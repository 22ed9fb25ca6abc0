import { defineAction } from '../../../commands/define-command';
import { WEEKLY_CONFIRM } from './weekly-review.card';
import { reviewAction } from './weekly-review-decision';

export default defineAction({ key: WEEKLY_CONFIRM, run: (ctx, input) => reviewAction(ctx, input, 'confirm') });
