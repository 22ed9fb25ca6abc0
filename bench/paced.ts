/**
 * bench/load.ts's paced load in a process of its own: the requests (JSON on stdin, with the url and
 * rate) sent by `firePaced`, the result as one JSON line on stdout, with the disk's longest flush
 * meanwhile (bench/disk-probe.ts). In the bench's process the generator shared its event loop with
 * the sandbox, which answers the bot's outbound calls and holds the bench's large heap: a 73 ms
 * stall of that loop made every click due in it late, and the bot was charged for it.
 */
import { text } from 'node:stream/consumers';
import { diskProbe } from './disk-probe';
import { firePaced, type Signed } from './load';

const { url, rate, requests } = JSON.parse(await text(process.stdin)) as { url: string; rate: number; requests: Signed[] };
const probe = await diskProbe();
const result = await firePaced(url, requests, rate);
process.stdout.write(`${JSON.stringify({ ...result, diskFlushMaxMs: await probe.stop() })}\n`);
