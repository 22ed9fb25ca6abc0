import type { LarkDriver } from './driver';
import type { OutageKind } from './faults';
import type { SandboxOrg } from './org';
import type { FaultOptions, RateLimitOptions, SandboxCall } from './sandbox-options';
import type { InboundMessage, SandboxMessage } from './store';

/**
 * What the console and the /sandbox/* inspection routes may do with a sandbox. LarkSandbox
 * implements it; the routes depend on this instead of on the server, so no import cycle forms.
 */
export interface SandboxControl {
  readonly org: SandboxOrg;
  readonly calls: SandboxCall[];
  readonly driver: LarkDriver | undefined;
  readonly faults: Required<FaultOptions>;
  messages(): SandboxMessage[];
  messagesFor(openIdOrChatId: string): SandboxMessage[];
  recordInbound(m: InboundMessage): void;
  setFaults(f: FaultOptions): void;
  setRateLimits(r: RateLimitOptions): void;
  startOutage(durationMs: number, kind?: OutageKind): void;
  endOutage(): void;
  revokeTokens(): void;
  reset(): void;
  stats(): Record<string, unknown>;
}
