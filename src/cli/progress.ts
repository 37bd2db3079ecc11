/**
 * Progress of long work on stderr, for the commands: on a terminal one bar rewritten in place,
 *
 *   seeding [########------------] 40% 400,000/1,000,000 people, 52,000/s, ~12 s left
 *
 * at most four times a second and ended with a newline; anywhere else (CI logs, files) one plain
 * line at each tenth, so a log keeps ten readable lines instead of carriage returns. Small totals
 * print nothing: the work is over before a bar could say anything.
 */

/** Where progress goes: process.stderr, or anything shaped like it. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** What is happening, first on the line: `seeding`. */
  label: string;
  /** What is counted, after the numbers: `people`, `records`. */
  unit: string;
  total: number;
  /** Below this total nothing is printed. */
  quietBelow?: number;
  stream?: ProgressStream;
  /** Milliseconds, monotonic; tests pass a fake clock. */
  now?: () => number;
}

export interface Progress {
  /** `done` units of `total` are finished; at `total` the bar is completed. */
  update(done: number): void;
  /** The work stopped (finished or not): ends the bar's line so what follows starts on its own. */
  end(): void;
}

/** Below this, the commands' work takes about a second; a bar would only flicker. */
export const QUIET_BELOW = 20_000;

const REDRAW_MS = 250;
const BAR_WIDTH = 20;

const SILENT: Progress = { update() {}, end() {} };

export function progress(options: ProgressOptions): Progress {
  const { label, unit, total, quietBelow = QUIET_BELOW, stream = process.stderr, now = () => performance.now() } = options;
  if (!(total >= quietBelow) || total <= 0) return SILENT;
  const tty = stream.isTTY === true;
  const started = now();
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let open = false; // a bar is on the terminal without its newline
  let finished = false;

  const line = (done: number, at: number, bar: boolean) => {
    const of = Math.max(total, done); // more may arrive than were counted (an export of a period still open)
    const fraction = done / of;
    const seconds = (at - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const filled = Math.floor(fraction * BAR_WIDTH);
    const parts = [
      label,
      ...(bar ? [`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`] : []),
      `${Math.floor(fraction * 100)}% ${count(done)}/${count(of)} ${unit}`,
    ];
    let text = parts.join(' ');
    if (rate > 0) text += `, ${count(Math.round(rate))}/s`;
    if (done >= of) text += `, done in ${seconds < 120 ? `${seconds.toFixed(1)} s` : minutes(seconds)}`;
    else if (rate > 0) text += `, ~${left((of - done) / rate)} left`;
    return text;
  };

  return {
    update(done) {
      if (finished) return;
      const complete = done >= total;
      if (tty) {
        const at = now();
        if (!complete && at - lastDraw < REDRAW_MS) return;
        lastDraw = at;
        let text = line(done, at, true);
        // A line longer than the terminal wraps, and \r would then rewrite only its last row.
        if (stream.columns && text.length >= stream.columns) text = text.slice(0, stream.columns - 1);
        stream.write(`\r${text}\x1b[K${complete ? '\n' : ''}`);
        open = !complete;
      } else {
        const tenth = Math.min(10, Math.floor((10 * done) / total));
        if (tenth <= lastTenth) return;
        lastTenth = tenth;
        stream.write(`${line(done, now(), false)}\n`);
      }
      finished = complete;
    },
    end() {
      if (open) stream.write('\n');
      open = false;
      finished = true;
    },
  };
}

const count = (n: number) => n.toLocaleString('en-US');

const minutes = (seconds: number) => `${Math.round(seconds / 60)} min`;
const left = (seconds: number) => (seconds < 120 ? `${Math.ceil(seconds)} s` : minutes(seconds));
