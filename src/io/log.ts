import pino, { type Logger } from 'pino';
import { redactText } from './redact';

/**
 * A pino logger whose every line is scrubbed of the configured secrets before it is written: errors
 * from the SDK carry request configs (app_secret, bearer tokens) that no serializer list keeps up with.
 */
export function createLogger(level: string, secrets: readonly string[], fd: 1 | 2 = 1): Logger {
  const dest = pino.destination({ fd, sync: true });
  return pino({ level }, { write: (line: string) => dest.write(redactText(line, secrets)) });
}
