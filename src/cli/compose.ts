import { existsSync, readFileSync } from 'node:fs';
import { checkComposition, UnknownSubgraphError, type ProposedSchema } from '../gateway/compose-check.js';
import { readPolicyFile } from '../policy/policy-file.js';
import { SUBGRAPHS } from '../subgraphs/catalog.js';
import { parseOptions } from './args.js';
import { CommandError, UsageError } from './exit.js';

const USAGE = `Usage: city-population-gateway compose --check [--schema SUBGRAPH=FILE ...]

Checks, before a department deploys a changed subgraph, that the city's subgraphs still compose
with it and that the sharing policy still holds: FILE is the department's proposed schema.graphql
(its own SDL, without the shared types), put in place of SUBGRAPH's. Prints the fields the callers'
schema loses and gains. Refused: SDL that does not parse, a citizen ID on a type the module's
manifest does not declare, a schema that does not compose, and a removed or changed field that a
grant names. Removing a field no grant names breaks no caller and is only listed. Without --schema
it checks the subgraphs as they are.

  --check                  check, print the result (the only mode)
  --schema SUBGRAPH=FILE   a proposed schema; repeat for several subgraphs
  -h, --help               this text

Exit codes: 0 the change is safe, 1 it breaks composition or the policy (each problem named),
2 bad arguments or an unreadable FILE.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(args, { check: { type: 'boolean' }, schema: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.check) throw new UsageError('Say --check: the command checks a change and changes nothing.', USAGE);
  const proposed = (values.schema ?? []).map(proposedSchema);

  let check;
  try {
    check = checkComposition(SUBGRAPHS, proposed, readPolicyFile());
  } catch (error) {
    if (error instanceof UnknownSubgraphError) throw new UsageError(`--schema: ${error.message}.`, USAGE);
    throw error;
  }
  const out: string[] = [];
  const changes = proposed.length > 0 ? proposed.map((p) => `${p.subgraph} from ${p.source}`).join(', ') : 'the subgraphs as they are';
  out.push(`Checked ${SUBGRAPHS.length} subgraphs with ${changes}.`);
  if (check.removed.length > 0) out.push(`The callers' schema loses ${check.removed.length}: ${check.removed.join(', ')}`);
  if (check.added.length > 0) out.push(`The callers' schema gains ${check.added.length}: ${check.added.join(', ')}`);
  if (check.problems.length > 0) {
    process.stdout.write(`${out.join('\n')}\n`);
    throw new CommandError(`The change cannot be deployed:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  out.push('It composes, and every grant of the sharing policy still names fields the schema has.');
  process.stdout.write(`${out.join('\n')}\n`);
}

function proposedSchema(option: string): ProposedSchema {
  const at = option.indexOf('=');
  if (at <= 0 || at === option.length - 1) throw new UsageError(`--schema takes SUBGRAPH=FILE, got "${option}".`, USAGE);
  const subgraph = option.slice(0, at);
  const source = option.slice(at + 1);
  if (!existsSync(source)) throw new UsageError(`--schema ${subgraph}: no file ${source}.`, USAGE);
  return { subgraph, source, sdl: readFileSync(source, 'utf8') };
}
