import { features } from '../features';
import backup from '../features/maintenance/backup.job';
import type { JobDef } from './define-job';

/** Every scheduled job; `run-job NAME` looks names up here. */
export const jobs: JobDef[] = [...features.flatMap((f) => f.jobs), backup];

/** Named in the contract; listed so `run-job` can say a job is not built yet rather than unknown. */
const CONTRACT_JOBS: Record<string, string> = {
  'weekly-prompt': '周记提醒',
  'weekly-reminder': '周记补交提醒与主管汇总',
  'monthly-review': '月度评鉴卡片',
  'quarter-close': '季度审定',
  'unit-ranking': '单位评优评差排名',
  'credits-checkpoint': '学时进度提醒',
};

export const PLANNED_JOBS: Record<string, string> = Object.fromEntries(
  Object.entries(CONTRACT_JOBS).filter(([name]) => !jobs.some((j) => j.name === name)),
);

export function findJob(name: string): JobDef | undefined {
  return jobs.find((j) => j.name === name);
}
