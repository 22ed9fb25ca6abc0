/** `bench/quarter-close-run.ts <sqlite|postgres> <people> <organs>`: one timed close, printed as JSON (see timeQuarterCloseAsServed). */
import { timeQuarterClose } from './quarter-close';
import type { Dialect } from './stores';

const [dialect, people, organs] = process.argv.slice(2);
const result = await timeQuarterClose(dialect as Dialect, Number(people), Number(organs));
console.log(JSON.stringify(result));
