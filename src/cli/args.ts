import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit.js';

/**
 * A command's options (no positional arguments), or a UsageError carrying the command's usage
 * text: an unknown option or a stray word exits 2 with both, before anything is touched.
 */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}
