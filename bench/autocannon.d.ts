// autocannon ships no types; the bench uses its callback API and the 'response' event only.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  const autocannon: (opts: Record<string, unknown>, done: (err: Error | null, result: any) => void) => EventEmitter;
  export default autocannon;
}
