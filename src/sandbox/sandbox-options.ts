import type { SandboxOrg } from './org';
import type { RateLimits } from './rate-limit';

export type RateLimitOptions = Partial<RateLimits>;

export interface FaultOptions {
  /** Probability of HTTP 500/503 before anything is recorded. */
  errorRate?: number;
  /** Probability of recording a message/patch and then answering 500 (what `uuid` protects against). */
  afterCommitErrorRate?: number;
  latencyMs?: number;
  /** Probability of a message write refused as rate-limited although our windows have room, as when other bots fill a group chat's. */
  limitRate?: number;
}

/**
 * What the app may read from the contact directory. Listing department 0 needs the contact range
 * "all members"; a field whose scope is not granted is left out of the user, as Lark does.
 */
export interface ContactScope {
  allMembers?: boolean;
  /** Departments (custom ids) in the range when not all members; their sub-departments are included. */
  departments?: string[];
  /** Granted field scopes; default: all of FIELD_SCOPES. */
  fieldScopes?: string[];
}

export interface LarkSandboxOptions {
  appId: string;
  appSecret: string;
  org?: SandboxOrg;
  rateLimits?: RateLimitOptions;
  faults?: FaultOptions;
  contacts?: ContactScope;
  seed?: number;
  /** Epoch ms; drives uuid expiry, rate windows, outages, token lifetimes and create_time. */
  now?: () => number;
  /** HTTP status that goes with 99991663 for a revoked (expired) token; Lark's is undocumented (200 or 400). */
  expiredTokenStatus?: number;
}
export interface SandboxCall {
  method: string;
  path: string;
  query: string;
  status: number;
  code?: number;
  at: string;
}
