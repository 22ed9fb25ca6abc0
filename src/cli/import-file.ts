import type { App } from '../app';
import { DomainError, invalidInput } from '../core/errors';
import type { ImportOptions, Io } from './define-importer';

/** Named in the contract, owned by features that are not built yet. */
const PLANNED: Record<string, string> = {
  indicators: '单位指标导入属于评优评差功能，尚未实现。',
};

/** `import NAME FILE [--skip-bad] [--confirm]`: the feature that owns NAME reads the file. */
export async function importFile(app: App, rest: string[], flags: Omit<ImportOptions, 'actor'>, io: Io): Promise<void> {
  const [what, file] = rest;
  const names = app.importers.map((i) => i.name);
  if (!what || !file) throw invalidInput(`用法：pingshi import ${names.join('|')} FILE [--skip-bad] [--confirm]`);
  const importer = app.importer(what);
  if (!importer) {
    if (PLANNED[what]) throw new DomainError('NOT_BUILT', PLANNED[what]!);
    throw invalidInput(`未知的导入类型 ${what}（可用：${names.join(', ')}）`);
  }
  await importer.run(app.deps, file, { ...flags, actor: 'cli' }, io);
}
