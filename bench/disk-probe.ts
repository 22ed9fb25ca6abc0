import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long the disk takes to make 8 kB durable (write + fdatasync, as a commit does), tried every
 * 20 ms until stopped; the longest is the figure. A PostgreSQL commit waits for such a flush, and
 * on the bench's machine a flush now and then took 60–150 ms while the kernel wrote back the
 * dirty pages of earlier phases: every event or click due then was answered late together, and
 * that stall, not the bot, was the phase's p99 (twenty-seventh session). Printed beside the
 * latency figures so a reader can tell. The file is in the temporary directory, where the
 * bench's SQLite files are; a PostgreSQL server elsewhere has a disk of its own.
 */
export async function diskProbe(): Promise<{ stop: () => Promise<number> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pingshi-disk-probe-'));
  const file = await open(join(dir, 'probe'), 'w');
  const page = Buffer.alloc(8192, 1);
  let longest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await file.write(page, 0, page.length, 0);
      await file.datasync();
      longest = Math.max(longest, performance.now() - started);
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await file.close();
      await rm(dir, { recursive: true, force: true });
      return longest;
    },
  };
}
