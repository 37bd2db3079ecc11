import { ConfigError } from '../config.js';
import { CompositionError } from '../gateway/compose.js';
import { PolicyError } from '../policy/policy-file.js';

/**
 * Exit codes shared by the commands: 1 the work failed, 2 the command line or configuration was
 * wrong (fix the invocation), 3 a service it needs (the database) could not be reached.
 */
export const EXIT = { failed: 1, usage: 2, unavailable: 3 } as const;

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', '57P03', '3D000', '28P01']);

export function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT.usage);
  }
  if (error instanceof CompositionError || error instanceof PolicyError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT.failed);
  }
  const code = (error as { code?: string })?.code;
  if (code && UNREACHABLE.has(code)) {
    process.stderr.write(`Cannot reach the database (${code}): ${(error as Error).message}. Check DATABASE_URL, or unset it to use the embedded database.\n`);
    process.exit(EXIT.unavailable);
  }
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(EXIT.failed);
}
