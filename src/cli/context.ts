import type { App } from '../app';
import { loadConfig, type Config } from '../config/env';
import { loadRules } from '../config/load-rules';
import { createLogger } from '../io/log';
import { secretsOf } from '../io/redact';

export { CliError } from './cli-error';

export interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

/** One-shot commands: the same App, without the HTTP server, workers or scheduler. */
export async function openApp(config: Config = loadConfig()): Promise<App> {
  // Loaded lazily: feature modules import this file for CliError, and the app imports the features.
  const { App } = await import('../app');
  return App.create({
    config,
    rules: loadRules(config.rulesPath),
    workers: false,
    log: createLogger(process.env.LOG_LEVEL ?? 'warn', secretsOf(config), 2),
  });
}
