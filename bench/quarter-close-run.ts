/** `bench/quarter-close-run.ts <sqlite|postgres> <people> <organs> [build-cards]`: one timed close, printed as JSON (see timeQuarterCloseAsServed). */
import { timeQuarterClose } from './quarter-close';
import type { Dialect } from './stores';

const [dialect, people, organs, build] = process.argv.slice(2);
const result = await timeQuarterClose(dialect as Dialect, Number(people), Number(organs), build === 'build-cards');
console.log(JSON.stringify(result));
