import type { Kysely } from 'kysely';
import type { Rules } from './rules/rules';
import type { Database } from '../db/schema';
import type { WorkCalendar } from './calendar/work-calendar';
import type { Clock } from './clock';
import type { CardPorts } from './card-ports';
import type { Directory, Messenger } from './ports';

export interface Log {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything a service or job needs, injected; nothing here knows about HTTP or the Lark SDK. */
export interface CoreDeps {
  db: Kysely<Database>;
  clock: Clock;
  rules: Rules;
  calendar: WorkCalendar;
  /** Enqueues on the main connection. */
  messenger: Messenger;
  /** Enqueues inside a transaction, so the message exists exactly when the change does. */
  messengerFor(db: Kysely<Database>): Messenger;
  directory: Directory;
  /** Card builders of the features, for the messages core queues itself. */
  cards: CardPorts;
  log: Log;
}
