import type { App } from '../app';
import { features } from '../features';
import type { Io } from './context';

export type Importer = (app: App, file: string, skipBad: boolean, io: Io) => Promise<void>;

/** `import training`, `import leave`, …: each feature registers its importer in src/features/<feature>.ts. */
export const importers: Record<string, Importer> = Object.assign({}, ...features.map((f) => f.importers));
