import { shanghaiDate } from '../../core/calendar/periods';
import { clearSentContent } from '../../db/outbox.repository';
import { defineJob } from '../../jobs/define-job';

/**
 * How long a sent message's card or text is kept: a month's, for answering "what did I get?"; the
 * rest of the row (key, status, Lark's message id) stays for good.
 */
export const SENT_CONTENT_DAYS = 35;

/** Daily: clears the content of messages sent more than SENT_CONTENT_DAYS ago (see clearSentContent). */
export default defineJob({
  name: 'outbox-compact',
  describe: `清理已发送消息的卡片内容（保留 ${SENT_CONTENT_DAYS} 天；发送记录与消息 ID 保留）`,
  cron: '15 3 * * *',
  periodAt: (deps) => shanghaiDate(deps.clock.now()),
  async run(deps) {
    const before = new Date(deps.clock.now().getTime() - SENT_CONTENT_DAYS * 86_400_000);
    const cleared = await clearSentContent(deps.db, before);
    return `已清理 ${cleared} 条 ${SENT_CONTENT_DAYS} 天前已发送消息的内容`;
  },
});
