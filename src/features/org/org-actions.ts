import { z } from 'zod';
import { defineAction } from '../../../cards/define-action';

/**
 * 确认同步 on the preview card: the held preview and the fingerprint of the change set it showed
 * (its revision). The service re-computes the change set and refuses the click when it differs.
 */
export const orgSyncConfirm = defineAction({
  id: 'org.sync-confirm',
  value: z.object({ id: z.string().min(1), rev: z.string().min(1) }),
  reopen: '请重新发送“同步”查看最新的变动',
});
