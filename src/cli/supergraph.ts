import { composeSupergraph } from '../gateway/compose.js';
import { SUBGRAPHS } from '../subgraphs/catalog.js';
import { parseOptions } from './args.js';

const USAGE = `Usage: city-population-gateway supergraph

Prints the supergraph SDL the gateway composes from every department's subgraph (Apollo
Federation 2, with its join directives), so a standard federation router can route to the same
subgraphs. Each subgraph's URL is in-process://<name> while the departments run inside the
gateway's process.

  -h, --help  this text

Exit codes: 0 printed, 1 the subgraphs do not compose (the composer's messages on stderr), 2 bad arguments.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  process.stdout.write(`${composeSupergraph(SUBGRAPHS).supergraphSdl}\n`);
}
