import { z } from 'zod';
import { defineAction, dynamicForm } from '../../../cards/define-action';
import { REOPEN } from '../../core/peers/views';

/**
 * 提交测评: the card carries the quarter, the page and a fingerprint of the page's list — no person's
 * id. The service recomputes the list and refuses a card built from another one.
 */
export const peerSubmit = defineAction({
  id: 'peers.submit',
  value: z.object({ q: z.string().min(1), p: z.number().int().min(1), r: z.string().min(1) }),
  form: dynamicForm(),
  reopen: REOPEN,
});
