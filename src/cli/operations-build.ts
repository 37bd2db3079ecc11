import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readPolicyFile } from '../policy/policy-file.js';
import { SUBGRAPHS } from '../subgraphs/catalog.js';
import { composeSupergraph } from '../gateway/compose.js';
import {
  ALLOWLIST_VERSION,
  APPLICATION_KEY,
  AllowlistError,
  applicationKey,
  operationsOf,
  readAllowlistFile,
  type AllowedOperation,
  type AllowlistFile,
} from '../gateway/operations-allowlist.js';
import { UsageError } from './exit.js';
import { parseOptionsAndArguments } from './args.js';

const USAGE = `Usage: city-population-gateway operations build FOLDER --department CODE --app NAME [--out FILE]

Builds the persisted-operations allow-list of one department application from the .graphql files
in FOLDER (and its subfolders; several operations per file, with their fragments). Every file is
validated against the composed schema first: any invalid one is named, with the error, and nothing
is written. Each operation is stored under the SHA-256 of its normalised text, the operationHash the
audit records, with the text, so a client may send only the hash (extensions.persistedQuery.sha256Hash).

Without --out the list is printed on standard output. With --out FILE the application's operations
replace its previous ones in FILE, keeping every other application's; FILE is created if needed.
The gateway enforces the file named by OPERATIONS_ALLOWLIST.

  --department CODE  the department of the application (schema/policy.yaml), the tokens' "department"
  --app NAME         the application, as the tokens' "app" claim names it
  --out FILE         the allow-list file to write or merge into
  -h, --help         this text

Exit codes: 0 written, 2 bad arguments, an invalid operation or an unreadable FILE.`;

function usageError(message: string): never {
  throw new UsageError(message, USAGE);
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseOptionsAndArguments(
    args,
    { department: { type: 'string' }, app: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (positionals.length !== 1) usageError(`Give exactly one FOLDER of .graphql files, got ${positionals.length}.`);
  const folder = positionals[0]!;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) usageError(`${folder} is not a folder.`);

  const departments = readPolicyFile().departments;
  const department = values.department?.trim() ?? '';
  if (!(department in departments)) usageError(`--department must be a department of the sharing policy (${Object.keys(departments).join(', ')}), got "${department}".`);
  const app = values.app?.trim() ?? '';
  const key = applicationKey(department, app);
  if (!APPLICATION_KEY.test(key)) usageError(`--app must be the application's name as its tokens' "app" claim carries it (letters, digits, . _ -), got "${app}".`);

  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.graphql'))
    .sort();
  if (files.length === 0) usageError(`${folder} holds no .graphql files.`);
  const { apiSchema } = composeSupergraph(SUBGRAPHS);
  const operations: Record<string, AllowedOperation> = {};
  const problems: string[] = [];
  for (const file of files) {
    const source = relative(folder, join(folder, file));
    const found = operationsOf(readFileSync(join(folder, file), 'utf8'), apiSchema, source);
    problems.push(...found.problems);
    Object.assign(operations, found.operations);
  }
  if (problems.length) usageError(`Invalid operations; nothing was written:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const count = Object.keys(operations).length;
  if (!values.out) {
    const file: AllowlistFile = { version: ALLOWLIST_VERSION, applications: { [key]: operations } };
    process.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
    process.stderr.write(`${key}: ${count} operation(s) from ${files.length} file(s)\n`);
    return;
  }
  const existing = readExisting(values.out);
  const before = new Set(Object.keys(existing.applications[key] ?? {}));
  existing.applications[key] = operations;
  // Written beside and renamed over: a gateway reading the file never sees half of it.
  const temporary = `${values.out}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(sortedFile(existing), null, 2)}\n`);
  renameSync(temporary, values.out);
  const added = Object.keys(operations).filter((hash) => !before.has(hash)).length;
  const removed = [...before].filter((hash) => !(hash in operations)).length;
  process.stderr.write(`${key}: ${count} operation(s) from ${files.length} file(s), ${added} added, ${removed} removed; written to ${values.out}\n`);
}

function readExisting(path: string): AllowlistFile {
  if (!existsSync(path)) return { version: ALLOWLIST_VERSION, applications: {} };
  try {
    return readAllowlistFile(path);
  } catch (error) {
    if (error instanceof AllowlistError) usageError(`${error.message}\nFix or remove it, or write to another --out.`);
    throw error;
  }
}

/** Applications in key order, so a reviewer's diff of the file shows only what changed. */
function sortedFile(file: AllowlistFile): AllowlistFile {
  return { version: file.version, applications: Object.fromEntries(Object.entries(file.applications).sort(([a], [b]) => a.localeCompare(b))) };
}
