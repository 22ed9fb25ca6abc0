import cliProgress from 'cli-progress';

/** Progress of long CLI work (imports, exports, backups) on stderr, so stdout stays clean for data. */
export interface ProgressReporter {
  update(done: number, total?: number): void;
  /** Prints the last state; safe to call twice. */
  finish(): void;
}

export interface ProgressOptions {
  silent?: boolean;
  /** Defaults to process.stderr. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Without a known total, a line is printed every `step` units. */
  step?: number;
}

const silentReporter: ProgressReporter = { update() {}, finish() {} };

export function createProgress(label: string, opts: ProgressOptions = {}): ProgressReporter {
  if (opts.silent) return silentReporter;
  const stream = opts.stream ?? process.stderr;
  return stream.isTTY ? barReporter(label, stream) : lineReporter(label, stream, opts.step ?? 10_000);
}

function barReporter(label: string, stream: NodeJS.WritableStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: stream as NodeJS.WriteStream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update(done, total) {
      if (stopped) return;
      if (!started) {
        bar.start(total ?? 0, done);
        started = true;
      } else {
        if (total !== undefined) bar.setTotal(total);
        bar.update(done);
      }
    },
    finish() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}

/** Logs and CI output: one line each time another 10% is done, never a carriage-return bar. */
function lineReporter(label: string, stream: NodeJS.WritableStream, step: number): ProgressReporter {
  let lastMark = 0;
  let last: { done: number; total?: number } | null = null;
  let printedDone = -1;
  let finished = false;
  const print = (done: number, total?: number) => {
    printedDone = done;
    stream.write(total ? `${label}: ${Math.floor((done / total) * 100)}% (${done}/${total})\n` : `${label}: ${done}\n`);
  };
  return {
    update(done, total) {
      if (finished) return;
      last = { done, total };
      const mark = total ? Math.floor((done / total) * 10) : Math.floor(done / step);
      if (mark > lastMark) {
        lastMark = mark;
        print(done, total);
      }
    },
    finish() {
      if (finished) return;
      finished = true;
      if (last && last.done !== printedDone) print(last.done, last.total);
    },
  };
}
