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

/**
 * A destination that holds lines until `open()`: start-up logs wait until the banner a person reads
 * has been printed, so the banner comes first whatever the scheduler logs while it catches up.
 */
export function heldDestination(fd: 1 | 2): { write(line: string): void; open(): void } {
  const dest = pino.destination({ fd, sync: true });
  let held: string[] | null = [];
  return {
    write(line) {
      if (held) held.push(line);
      else dest.write(line);
    },
    open() {
      for (const line of held ?? []) dest.write(line);
      held = null;
    },
  };
}
