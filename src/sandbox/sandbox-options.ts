import type { SandboxOrg } from './org';

export interface RateLimitOptions {
  appPerSecond?: number;
  recipientPerSecond?: number;
  messagePatchPerSecond?: number;
  enabled?: boolean;
}
export interface FaultOptions {
  /** Probability of HTTP 500/503 before anything is recorded. */
  errorRate?: number;
  /** Probability of recording a message/patch and then answering 500 (what `uuid` protects against). */
  afterCommitErrorRate?: number;
  latencyMs?: number;
}
export interface LarkSandboxOptions {
  appId: string;
  appSecret: string;
  org?: SandboxOrg;
  rateLimits?: RateLimitOptions;
  faults?: FaultOptions;
  seed?: number;
  /** Epoch ms; drives uuid expiry, rate windows and create_time. */
  now?: () => number;
}
export interface SandboxCall {
  method: string;
  path: string;
  query: string;
  status: number;
  code?: number;
  at: string;
}
