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
    const { values, positionals } = parseArgs({ args: joinValues(args, options), options, strict: true, allowPositionals });
    return { values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
}

/** A command's options, for a command that takes no positional arguments. */
export function parseOptions<const O extends Options>(args: string[], options: O, usage: string) {
  return parseOptionsAndArguments(args, options, usage, false).values;
}

/**
 * `--name VALUE` as `--name=VALUE` for each option that takes a value: parseArgs refuses a value
 * that begins with a dash as "ambiguous", and some values do (a key id is a base64url thumbprint,
 * one in 64 begins with "-"). An option that takes a value always takes the next word.
 */
function joinValues(args: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && !name.includes('=') && options[name]?.type === 'string' && i + 1 < args.length) {
      joined.push(`${arg}=${args[++i]}`);
    } else {
      joined.push(arg);
    }
  }
  return joined;
}
