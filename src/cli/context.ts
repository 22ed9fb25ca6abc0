import { App } from '../app';
import { loadConfig, type Config } from '../config/env';
import { loadRules } from '../config/load-rules';
import { createLogger } from '../io/log';
import { secretsOf } from '../io/redact';

export type { Io } from './define-importer';

/** One-shot commands: the same App, without the HTTP server, workers or scheduler. */
export async function openApp(config: Config = loadConfig()): Promise<App> {
  return App.create({
    config,
    rules: loadRules(config.rulesPath),
    workers: false,
    log: createLogger(process.env.LOG_LEVEL ?? 'warn', secretsOf(config), 2),
  });
}
