import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's options and, where it takes them, its positional arguments, or a UsageError carrying
 * the command's usage text: an unknown option or a stray word exits 2 with both, before anything
 * is touched.
 */
export function parseOptionsAndArguments<const O extends Options>(args: string[], options: O, usage: string, allowPositionals = true) {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** A command's options, for a command that takes no positional arguments. */
export function parseOptions<const O extends Options>(args: string[], options: O, usage: string) {
  return parseOptionsAndArguments(args, options, usage, false).values;
}
