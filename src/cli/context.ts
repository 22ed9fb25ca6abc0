import pino from 'pino';
import { App } from '../app';
import { loadConfig, type Config } from '../config/env';
import { loadRules } from '../config/load-rules';

export type { Io } from './define-importer';

/** One-shot commands: the same App, without the HTTP server, workers or scheduler. */
export async function openApp(config: Config = loadConfig()): Promise<App> {
  return App.create({
    config,
    rules: loadRules(config.rulesPath),
    workers: false,
    log: pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2)),
  });
}
