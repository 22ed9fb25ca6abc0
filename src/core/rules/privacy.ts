import { z } from 'zod';

export const privacySchema = z
  .object({
    /** 通报表扬: name people rated 好 in unit announcements. Off unless a unit enables it. */
    praise_named: z.boolean().default(false),
  })
  .prefault({});
