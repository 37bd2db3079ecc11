import { ConfigError } from '../config.js';
import { PolicyError } from '../policy/policy-file.js';
import { isDatabaseUnavailable } from '../db/failures.js';

/**
 * Exit codes shared by the commands: 1 the work failed, 2 the command line or configuration was
 * wrong (fix the invocation), 3 a service it needs (the database) could not be reached.
 */
export const EXIT = { failed: 1, usage: 2, unavailable: 3 } as const;

/** The command line was wrong: the message, then the command's usage (if given), on stderr; exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command refused or failed for a reason its message states in full: no stack trace; exit 1. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', '57P03', '3D000', '28P01']);

/**
 * The one mapping from an error to what the operator reads and the exit code. Reports the error on
 * `stderr` and returns the code; `fail` exits with it.
 */
export function report(error: unknown, stderr: { write(text: string): unknown } = process.stderr): number {
  if (error instanceof UsageError) {
    stderr.write(error.usage ? `${error.message}\n\n${error.usage}\n` : `${error.message}\n`);
    return EXIT.usage;
  }
  // By name, like CompositionError below: the allow-list module loads graphql, which `token` never needs.
  if (error instanceof ConfigError || (error instanceof Error && error.name === 'AllowlistError')) {
    stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  // CompositionError is recognised by name: importing src/gateway/compose.ts here would load the
  // federation composer into every command, `token` included, which never composes anything.
  if (error instanceof CommandError || error instanceof PolicyError || (error instanceof Error && error.name === 'CompositionError')) {
    stderr.write(`${error.message}\n`);
    return EXIT.failed;
  }
  const code = (error as { code?: string })?.code;
  if (code && UNREACHABLE.has(code)) {
    stderr.write(`Cannot reach the database (${code}): ${(error as Error).message}. Check DATABASE_URL, or unset it to use the embedded database.\n`);
    return EXIT.unavailable;
  }
  // A database that accepts the connection and then says nothing fails by timeout, with no code.
  if (isDatabaseUnavailable(error)) {
    stderr.write(
      `Cannot reach the database (no answer in time): ${(error as Error).message}. Check DATABASE_URL and that the database is up, or raise DATABASE_CONNECT_TIMEOUT / DATABASE_QUERY_TIMEOUT.\n`,
    );
    return EXIT.unavailable;
  }
  stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT.failed;
}

export function fail(error: unknown): never {
  process.exit(report(error));
}
