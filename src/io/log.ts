import pino, { type Logger } from 'pino';
import { redactText } from './redact';

/**
 * A pino logger whose every line is scrubbed of the configured secrets before it is written: errors
 * from the SDK carry request configs (app_secret, bearer tokens) that no serializer list keeps up with.
 * `to` is a file descriptor (1 = stdout, 2 = stderr) or, in tests, any writable.
 */
export function createLogger(level: string, secrets: readonly string[], to: 1 | 2 | { write(line: string): unknown } = 1): Logger {
  const dest = typeof to === 'number' ? pino.destination({ fd: to, sync: true }) : to;
  return pino({ level }, { write: (line: string) => dest.write(redactText(line, secrets)) });
}
