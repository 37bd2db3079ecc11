import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SUBGRAPHS } from '../subgraphs/catalog.js';

/**
 * `npm run db:generate [-- MODULE [drizzle-kit options]]`: drizzle-kit's `generate` for each
 * module's tables (`tables.ts` beside its manifest) into that module's own `migrations/`, so a
 * department's schema can be migrated on its own (its own database, later). With a module name,
 * only that one; options go to drizzle-kit (`-- audit --custom --name triggers`).
 */
const argv = process.argv.slice(2);
const only = argv[0]?.startsWith('-') ? undefined : argv[0];
const options = only ? argv.slice(1) : argv;
// Modules with tables of their own; an assessment module has none.
const withTables = SUBGRAPHS.filter((m) => existsSync(join(m.folder, 'tables.ts')));
const modules = only ? withTables.filter((m) => m.name === only) : withTables;
if (modules.length === 0) {
  console.error(`no module is called "${only}"; modules with tables: ${withTables.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
for (const module of modules) {
  const args = ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', relative(process.cwd(), join(module.folder, 'tables.ts')), '--out', relative(process.cwd(), join(module.folder, 'migrations')), ...options];
  console.error(`${module.name}: npx ${args.join(' ')}`);
  const { status } = spawnSync('npx', args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
