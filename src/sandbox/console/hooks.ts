import type { LarkDriver } from '../driver';
import type { SandboxMessage } from '../store';
import type { ClockMove, ClockTarget } from './view-types';

export type { ClockMove, ClockRun, ClockTarget } from './view-types';

/** A refusal the console shows as it is (in Chinese, saying what to do). */
export class ConsoleRefusal extends Error {}

/**
 * What the bot lends the console in sandbox mode. The sandbox knows nothing of the app: `serve`
 * attaches these once both run; without them the console still chats but cannot move time.
 */
export interface ConsoleHooks {
  now(): Date;
  targets(): ClockTarget[];
  /** Moves the clock forward to `to`, running every job that falls due on the way. */
  moveTo(to: Date): Promise<ClockMove>;
  /** Restores the demo organisation and an empty history (the sandbox's own messages are cleared by the caller). */
  reset(): Promise<void>;
  /** Resolves once the bot has processed what it received and sent what it queued. */
  settle(): Promise<void>;
}

/** What the console uses of the stand-in (LarkSandbox has it; typed here so the server's import of the console is no cycle). */
export interface ConsoleSandbox {
  readonly driver: LarkDriver | undefined;
  messages(): SandboxMessage[];
  messagesFor(openIdOrChatId: string): SandboxMessage[];
  /** Forgets messages, calls and rate windows. */
  reset(): void;
}

const attached = new WeakMap<ConsoleSandbox, ConsoleHooks>();

export function attachConsoleHooks(sandbox: ConsoleSandbox, hooks: ConsoleHooks): void {
  attached.set(sandbox, hooks);
}

export function consoleHooksOf(sandbox: ConsoleSandbox): ConsoleHooks | undefined {
  return attached.get(sandbox);
}
