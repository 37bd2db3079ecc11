import { readFileSync } from 'node:fs';
import { operationHash } from '../audit/operation-hash.js';
import { Kind, parse, print, validate, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/**
 * Persisted operations: per department application, the only operations it may run. A hash that
 * answers tells a caller only about its own application's list, never what another department asked
 * (which a shared automatic-persisted-query cache would).
 *
 * The file (JSON, written by `city-population-gateway operations build`):
 *
 *   { "version": 1,
 *     "applications": {
 *       "education/enrolment-portal": {
 *         "<sha256 of print(parse(text))>": { "name": "EnrolmentCheck", "text": "query EnrolmentCheck …", "source": "enrolment.graphql" } } } }
 *
 * The key is `<department>/<app>`, the token's `department` and `app` claims. Each entry is one
 * operation with the fragments it uses, and its hash is the `operationHash` the audit records for it.
 */
export const ALLOWLIST_VERSION = 1;

export interface AllowedOperation {
  /** The operation's name, or null when it is anonymous. */
  name: string | null;
  /** The normalised text (`print(parse(…))`): what the gateway runs for a hash-only request. */
  text: string;
  /** The .graphql file it came from, for whoever reviews the list. */
  source?: string;
}

export interface AllowlistFile {
  version: typeof ALLOWLIST_VERSION;
  /** `department/app` → operation hash → operation. */
  applications: Record<string, Record<string, AllowedOperation>>;
}

/** An allow-list file that cannot be used: what is wrong with it, all at once. */
export class AllowlistError extends Error {
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    super(`The operations allow-list ${source} cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AllowlistError';
  }
}

/** A `department/app` key: both parts as the token carries them, without slashes or spaces. */
export const APPLICATION_KEY = /^[a-z][a-z0-9-]*\/[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** An operation hash as written: 64 lower-case hex digits. */
export const HASH = /^[0-9a-f]{64}$/;

export const applicationKey = (department: string, app: string) => `${department}/${app}`;

/** The operations of one parsed document, each as its own document with the fragments it uses. */
function splitOperations(document: DocumentNode): { name: string | null; document: DocumentNode }[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const spreadsIn = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };
  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const used = new Set<string>();
      const pending = spreadsIn(operation);
      while (pending.length) {
        const name = pending.pop()!;
        const fragment = fragments.get(name);
        if (used.has(name) || !fragment) continue;
        used.add(name);
        pending.push(...spreadsIn(fragment));
      }
      // Fragments keep the file's order, so the same file always gives the same text and hash.
      const definitions: DefinitionNode[] = [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION && used.has(d.name.value))];
      return { name: operation.name?.value ?? null, document: { kind: Kind.DOCUMENT, definitions } };
    });
}

/**
 * The allowed operations of one .graphql file's text, checked against the composed API schema;
 * the messages name what is wrong (parse or validation errors, with line and column).
 */
export function operationsOf(text: string, schema: GraphQLSchema, source: string): { operations: Record<string, AllowedOperation>; problems: string[] } {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (error) {
    return { operations: {}, problems: [`${source}: ${(error as Error).message}`] };
  }
  const errors = validate(schema, document);
  if (errors.length) return { operations: {}, problems: errors.map((e) => `${source}${location(e.locations?.[0])}: ${e.message}`) };
  const operations: Record<string, AllowedOperation> = {};
  for (const { name, document: single } of splitOperations(document)) {
    operations[operationHash(single)] = { name, text: print(single), source };
  }
  if (Object.keys(operations).length === 0) return { operations, problems: [`${source}: holds fragments but no operation`] };
  return { operations, problems: [] };
}

const location = (at: { line: number; column: number } | undefined) => (at ? `:${at.line}:${at.column}` : '');

/** Reads and checks an allow-list file; every problem is reported at once. */
export function readAllowlistFile(path: string): AllowlistFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AllowlistError([`it is not readable JSON (${(error as Error).message})`], path);
  }
  return checkAllowlist(raw, path);
}

/** The file's shape, and that every stored text still has the hash it is filed under. */
function checkAllowlist(raw: unknown, source: string): AllowlistFile {
  const problems: string[] = [];
  const file = raw as Partial<AllowlistFile> | null;
  if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new AllowlistError(['it must be a JSON object with "version" and "applications"'], source);
  if (file.version !== ALLOWLIST_VERSION) problems.push(`"version" must be ${ALLOWLIST_VERSION}, got ${JSON.stringify(file.version ?? null)}`);
  const applications = file.applications;
  if (typeof applications !== 'object' || applications === null || Array.isArray(applications)) {
    problems.push('"applications" must be an object of "department/app" keys');
  } else {
    for (const [key, operations] of Object.entries(applications)) {
      if (!APPLICATION_KEY.test(key)) problems.push(`"${key}" is not a "department/app" key (e.g. "education/enrolment-portal")`);
      if (typeof operations !== 'object' || operations === null || Array.isArray(operations)) {
        problems.push(`${key}: must be an object of operations by hash`);
        continue;
      }
      for (const [hash, operation] of Object.entries(operations)) {
        const problem = operationProblem(hash, operation);
        if (problem) problems.push(`${key} ${hash.slice(0, 12)}…: ${problem}`);
      }
    }
  }
  if (problems.length) throw new AllowlistError(problems, source);
  return file as AllowlistFile;
}

function operationProblem(hash: string, operation: AllowedOperation): string | null {
  if (!HASH.test(hash)) return 'the key must be a SHA-256 hash in lowercase hex';
  if (typeof operation?.text !== 'string') return 'has no "text"';
  let document: DocumentNode;
  try {
    document = parse(operation.text);
  } catch (error) {
    return `its text does not parse: ${(error as Error).message}`;
  }
  // A hand-edited text under an old hash would run something nobody reviewed under that hash.
  if (operationHash(document) !== hash) return 'its text does not match its hash; rebuild the list with `city-population-gateway operations build`';
  if (document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length !== 1) return 'its text must hold exactly one operation';
  return null;
}

/**
 * The allow-list as the gateway consults it. Every stored operation is validated against the
 * composed schema at start-up: a list built for an older schema stops the start, instead of
 * refusing callers one request at a time.
 */
export class OperationsAllowlist {
  constructor(private readonly file: AllowlistFile) {}

  static load(path: string, schema: GraphQLSchema): OperationsAllowlist {
    const file = readAllowlistFile(path);
    const problems: string[] = [];
    for (const [key, operations] of Object.entries(file.applications)) {
      for (const [hash, operation] of Object.entries(operations)) {
        for (const error of validate(schema, parse(operation.text))) problems.push(`${key} ${operation.name ?? '(anonymous)'} (${hash.slice(0, 12)}…): ${error.message}`);
      }
    }
    if (problems.length) throw new AllowlistError(problems.map((p) => `${p}; rebuild the list against this schema`), path);
    return new OperationsAllowlist(file);
  }

  /** The operation with this hash on the list of `department/app`, if it is there. */
  find(department: string, app: string, hash: string): AllowedOperation | undefined {
    const operations = this.file.applications[applicationKey(department, app)];
    return operations && Object.hasOwn(operations, hash) ? operations[hash] : undefined;
  }
}
