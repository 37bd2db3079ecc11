import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, fail } from './exit.js';

/**
 * `city-population-gateway <command>`: the one command-line entry (bin/city-population-gateway.js,
 * and the npm scripts). Each command is imported only when it is asked for, so `token` or a
 * `--help` does not load the gateway and its federation planner.
 */

const PROGRAM = 'city-population-gateway';

type Run = (args: string[]) => Promise<void>;

interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  load?: () => Promise<{ run: Run }>;
  /** A group of commands (`audit`) has subcommands and its own help instead of `load`. */
  subcommands?: Command[];
  help?: string;
}

const EXIT_CODES = `Exit codes: 0 done, 1 failed (seed: the database is not empty; audit verify: the chain is broken),
2 bad arguments or configuration, 3 database unreachable.`;
const AUDIT_EXIT_CODES = `Exit codes: 0 done, 1 failed (verify: the chain is broken), 2 bad arguments or configuration,
3 database unreachable.`;

const AUDIT: Command[] = [
  { name: 'verify', summary: "recompute the audit log's hash chain; exit 1 naming the first broken record", load: () => import('./audit-verify.js') },
  { name: 'export', summary: "write a period's audit records with their hashes, as CSV or JSON lines", load: () => import('./audit-export.js') },
];

const OPERATIONS: Command[] = [
  { name: 'build', summary: "build an application's persisted-operations allow-list from a folder of .graphql files", load: () => import('./operations-build.js') },
];

const COMMANDS: Command[] = [
  { name: 'start', summary: 'migrate, seed demo people into an empty database, serve the gateway, IDE, console and probes', load: () => import('./start.js') },
  { name: 'migrate', summary: 'apply pending database migrations', load: () => import('./migrate.js') },
  { name: 'seed', summary: 'generate a synthetic population into an empty database', load: () => import('./seed.js') },
  { name: 'token', summary: 'print a development token for a department and purpose, and nothing else', load: () => import('./token.js') },
  { name: 'audit', summary: 'the access audit log: verify, export', subcommands: AUDIT, help: auditHelp() },
  { name: 'bench', summary: 'the full person view through the gateway against raw SQL, as ratios', load: () => import('./bench.js') },
  { name: 'supergraph', summary: 'print the composed supergraph SDL, for a standard federation router', load: () => import('./supergraph.js') },
  { name: 'compose', summary: "check a department's changed subgraph schema against the others and the sharing policy", load: () => import('./compose.js') },
  { name: 'subgraph', summary: "serve one department's subgraph as its own service, on its own database", load: () => import('./subgraph.js') },
  { name: 'assertion-keys', summary: 'make and rotate the keys the gateway signs caller assertions to subgraph services with', load: () => import('./assertion-keys.js') },
  { name: 'operations', summary: 'persisted operations: build the allow-list OPERATIONS_ALLOWLIST enforces', subcommands: OPERATIONS, help: operationsHelp() },
];

/** Every runnable command with its full name (`audit verify`), in help order. */
function leaves(commands: Command[], prefix = ''): { name: string; command: Command }[] {
  return commands.flatMap((command) => {
    const name = `${prefix}${command.name}`;
    return command.subcommands ? leaves(command.subcommands, `${name} `) : [{ name, command }];
  });
}

function list(commands: Command[], prefix = ''): string {
  const rows = leaves(commands, prefix);
  const width = Math.max(...rows.map((r) => r.name.length)) + 3;
  return rows.map(({ name, command }) => `  ${name.padEnd(width)}${command.summary}`).join('\n');
}

function auditHelp(): string {
  return `Usage: ${PROGRAM} audit <verify|export> [options]

Commands:
${list(AUDIT, 'audit ')}

${PROGRAM} audit <command> --help shows a command's options.

${AUDIT_EXIT_CODES}`;
}

function operationsHelp(): string {
  return `Usage: ${PROGRAM} operations build FOLDER --department CODE --app NAME [--out FILE]

Commands:
${list(OPERATIONS, 'operations ')}

${PROGRAM} operations build --help shows its options.

Exit codes: 0 done, 2 bad arguments or an invalid operation.`;
}

const HELP = `Usage: ${PROGRAM} <command> [options]
   or: npm run <script> -- [options]   (start, migrate, seed, token, audit:verify, audit:export, bench)

The city population data-sharing gateway and its tools (README.md).

Commands:
${list(COMMANDS)}

Options: -h, --help (also after a command: its options), --version.
Every command reads its configuration from the environment; ${PROGRAM} start --help lists it.

${EXIT_CODES}`;

interface Group {
  /** How the group is invoked: `city-population-gateway`, `city-population-gateway audit`. */
  invocation: string;
  commands: Command[];
  help: string;
}

const TOP: Group = { invocation: PROGRAM, commands: COMMANDS, help: HELP };

/** Runs the command `argv` names; errors come back as thrown (UsageError for a wrong command line). */
export async function dispatch(argv: string[], group: Group = TOP): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError(`${group.invocation} needs a command: ${leaves(group.commands).map((l) => l.name).join(', ')}.`, group.help);
  }
  if (first === '--help' || first === '-h') return void process.stdout.write(`${group.help}\n`);
  // `help seed` is `seed --help`; `help` alone is `--help`.
  if (first === 'help') return rest.length === 0 ? dispatch(['--help'], group) : dispatch([...rest, '--help'], group);
  if (first === '--version' && group === TOP) return void process.stdout.write(`${version()}\n`);
  if (first.startsWith('-')) throw new UsageError(`Unknown option "${first}" before the command.`, group.help);

  const command = group.commands.find((c) => c.name === first);
  if (!command) throw new UsageError(unknownCommand(first, group));
  if (command.subcommands) {
    return dispatch(rest, { invocation: `${group.invocation} ${command.name}`, commands: command.subcommands, help: command.help! });
  }
  const { run } = await command.load!();
  await run(rest);
}

/** The whole program: runs the command, or reports its error and exits with the error's code. */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`… supergraph | head`) closes standard output: the command is done.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  try {
    await dispatch(argv);
  } catch (error) {
    fail(error);
  }
}

function unknownCommand(word: string, group: Group): string {
  const names = leaves(group.commands).map((l) => l.name);
  const closest = suggest(word, [...new Set([...group.commands.map((c) => c.name), ...names])]);
  return [
    `Unknown command "${word}".${closest ? ` Did you mean "${group.invocation} ${closest}"?` : ''}`,
    `Commands: ${names.join(', ')}. See ${group.invocation} --help.`,
  ].join('\n');
}

/**
 * The command a mistyped word most likely meant: the nearest name within two edits (a swap of two
 * letters counts as one), so `sed` finds `seed` and `strat` finds `start`. The npm script names
 * (`audit:verify`) and a subcommand's bare name (`verify`) find `audit verify`.
 */
function suggest(word: string, names: string[]): string | undefined {
  const typed = word.toLowerCase().replace(/[:_-]+/g, ' ').trim();
  const keys = names.flatMap((name) => (name.includes(' ') ? [{ key: name, name }, { key: name.split(' ').at(-1)!, name }] : [{ key: name, name }]));
  let best: { name: string; distance: number } | undefined;
  for (const { key, name } of keys) {
    const distance = editDistance(typed, key);
    if (distance <= Math.min(2, Math.floor(key.length / 2)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Run as a script (`tsx src/cli/main.ts seed …`, the npm scripts); the bin imports it and calls main. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) await main(process.argv.slice(2));
