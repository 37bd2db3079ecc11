import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time per request, for the benchmark's goals: this process's (process.cpuUsage) and the
 * database server's, read from /proc as the sum over every process named `postgres` (its
 * backends, WAL writer and so on: what a request costs the server as a whole). /proc counts in
 * clock ticks (10 ms), so a figure is only as good as the number of requests it is divided by.
 */

export interface CpuPerRequest {
  /** Milliseconds of this process's CPU per request. */
  node: number;
  /** Milliseconds of the database server's CPU per request; null where /proc cannot tell (PGlite runs inside this process, macOS has no /proc). */
  postgres: number | null;
}

/** Clock ticks per second of /proc's counters: 100 on every Linux we run on (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** Total CPU milliseconds of the processes named `postgres`, or null without /proc. */
function postgresCpuMs(): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return null;
  }
  let ticks = 0;
  let found = false;
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone since the listing
    }
    // "pid (comm) state …": the name may hold spaces, so fields are counted after its closing parenthesis.
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const fields = stat.slice(close + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after "pid (comm)".
    ticks += Number(fields[11]) + Number(fields[12]);
    found = true;
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : null;
}

/** CPU per request over `count` sequential runs of `run` (after `warmup` untimed ones). */
export async function cpuPerRequest(run: (i: number) => Promise<unknown>, count: number, warmup: number, measurePostgres: boolean): Promise<CpuPerRequest> {
  for (let i = 0; i < warmup; i++) await run(i);
  const pgBefore = measurePostgres ? postgresCpuMs() : null;
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await run(warmup + i);
  const used = process.cpuUsage(before);
  const pgAfter = measurePostgres ? postgresCpuMs() : null;
  return {
    node: (used.user + used.system) / 1000 / count,
    postgres: pgBefore !== null && pgAfter !== null ? (pgAfter - pgBefore) / count : null,
  };
}
