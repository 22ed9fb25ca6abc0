import { z } from 'zod';

/** Field types shared by the rules sections; each carries the message a unit admin sees. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const monthDay = z.string().regex(/^\d{2}-\d{2}$/, '日期格式应为 MM-DD');
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
export const share = z.number().min(0).max(1);
export const score = z.number().min(0).max(100);
