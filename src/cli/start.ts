import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { countPersons, seedPopulation } from '../population/load.js';
import { createGatewayServer } from '../gateway/server.js';
import { createHttpServer, listen } from '../gateway/http.js';
import { fail } from './exit.js';
import { loadVerifier } from '../auth/keys.js';

/** Demo data is made with a fixed seed, so every fresh checkout shows the same people. */
const DEMO_SEED = 20141;

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.database.dataDir}`;
  const applied = await migrate(database);
  log(`database: ${where}; ${applied} migration(s) applied`);

  if (config.demoPersons > 0 && (await countPersons(database)) === 0) {
    log(`empty database: generating ${config.demoPersons} demo people (seed ${DEMO_SEED}) …`);
    // Another replica may have seeded between our count and our lock: then there is nothing to do.
    await seedPopulation(database, { persons: config.demoPersons, seed: DEMO_SEED, ifPopulated: 'skip' });
  }

  const verifier = await loadVerifier(config.auth);
  const gateway = await createGatewayServer(database, { access: { verifier }, audit: 'on' });
  const http = createHttpServer(gateway);
  const port = await listen(http, config.port, config.host);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`;
  const samples = await database.query<{ citizen_id: string }>(
    'select citizen_id from registry.person order by citizen_id limit 3',
  );
  printWelcome(url, samples.map((s) => s.citizen_id), verifier.development);

  const shutdown = async (signal: string) => {
    log(`${signal}: closing`);
    http.close();
    await gateway.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function printWelcome(url: string, citizenIds: string[], developmentKeys: boolean): void {
  const query = `{ person(citizenId: "${citizenIds[0] ?? '440106199001011235'}") { name birthDate registration { status district address } education { highestLevel currentEnrolment { schoolName grade } } tax { status } } }`;
  const tokenCommand = 'npm run -s token -- --dept education --purpose school-enrolment';
  process.stdout.write(
    [
      '',
      `Population gateway listening at ${url}`,
      developmentKeys
        ? 'Tokens: development keys in .data/dev-keys (made on first start; refused when NODE_ENV=production).'
        : 'Tokens: issued by your identity provider (AUTH_* configuration).',
      'Every request needs "Authorization: Bearer <token>" and "X-Purpose: <purpose>"; the sharing policy is schema/policy.yaml.',
      'Every access is written to the audit log (npm run audit:verify checks it).',
      'FOR LOCAL DEVELOPMENT ONLY: the compliance interfaces and hardening are not built yet; never expose it to a network.',
      '',
      `Sample citizen IDs: ${citizenIds.join(', ')}`,
      '',
      `Get a token: ${tokenCommand}  (--help lists the options)`,
      'Try (the education bureau enrolling a child: tax is not in its grant and comes back FORBIDDEN, the address masked):',
      `  curl -s ${url} -H 'content-type: application/json' \\`,
      `    -H "authorization: Bearer $(${tokenCommand})" -H 'x-purpose: school-enrolment' \\`,
      `    -d '${JSON.stringify({ query })}'`,
      '',
    ].join('\n'),
  );
}

main().catch(fail);
