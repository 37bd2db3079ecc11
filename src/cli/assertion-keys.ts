import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadAssertionKeyring, newKeyringEntry, ASSERTION_KEYS_PATH } from '../auth/assertion-keys.js';
import { ASSERTION_LIFETIME_SECONDS } from '../auth/caller-assertion.js';
import { parseOptionsAndArguments } from './args.js';
import { CommandError, UsageError } from './exit.js';

const USAGE = `Usage: city-population-gateway assertion-keys <action> FILE [--kid KID]

Makes and rotates the keyring the gateway signs caller assertions with (ASSERTION_KEYS_FILE): the
private keys every gateway replica shares, one of them signing. Subgraph services check assertions
against the public halves, which the gateway serves at ${ASSERTION_KEYS_PATH}.

  new FILE            a keyring with one new key, signing (FILE must not exist)
  add FILE            add a new key beside the others, not signing yet; prints its kid
  promote FILE --kid KID
                      sign with KID from now on (the previous key stays published)
  retire FILE --kid KID
                      remove KID, which must not be signing
  list FILE           the kids, the signing one marked; never a private key

A rotation without downtime, each step rolled out to every gateway replica before the next:
add; wait until every subgraph has fetched the key set again (it does every 5 minutes); promote;
wait ${ASSERTION_LIFETIME_SECONDS} s (the longest an assertion lives); retire the old key.

The file is written with mode 0600: it holds private keys. Keep it out of the repository.

Exit codes: 0 done, 1 the file is not a keyring or the change is refused, 2 bad arguments.`;

interface KeyringFile {
  signing: string;
  keys: Array<Record<string, unknown> & { kid: string }>;
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseOptionsAndArguments(args, { kid: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const [action, file, ...rest] = positionals;
  if (!action || !file || rest.length > 0) throw new UsageError('name an action and the keyring FILE', USAGE);
  const needsKid = action === 'promote' || action === 'retire';
  if (needsKid !== (values.kid !== undefined)) throw new UsageError(needsKid ? `${action} needs --kid` : `${action} takes no --kid`, USAGE);
  switch (action) {
    case 'new': {
      if (existsSync(file)) throw new CommandError(`${file} exists already; add a key to it instead (assertion-keys add ${file})`);
      const entry = await newKeyringEntry();
      await save(file, { signing: entry.kid!, keys: [entry as KeyringFile['keys'][number]] });
      return void process.stdout.write(`${entry.kid}\n`);
    }
    case 'add': {
      const ring = await read(file);
      const entry = await newKeyringEntry();
      await save(file, { ...ring, keys: [...ring.keys, entry as KeyringFile['keys'][number]] });
      return void process.stdout.write(`${entry.kid}\n`);
    }
    case 'promote': {
      const ring = await read(file);
      if (!ring.keys.some((key) => key.kid === values.kid)) throw new CommandError(`${file} holds no key ${values.kid}`);
      return save(file, { ...ring, signing: values.kid! });
    }
    case 'retire': {
      const ring = await read(file);
      if (ring.signing === values.kid) throw new CommandError(`${values.kid} is signing: promote another key first`);
      if (!ring.keys.some((key) => key.kid === values.kid)) throw new CommandError(`${file} holds no key ${values.kid}`);
      return save(file, { ...ring, keys: ring.keys.filter((key) => key.kid !== values.kid) });
    }
    case 'list': {
      const ring = await read(file);
      return void process.stdout.write(ring.keys.map((key) => `${key.kid}${key.kid === ring.signing ? '  (signing)' : ''}\n`).join(''));
    }
    default:
      throw new UsageError(`unknown action "${action}"`, USAGE);
  }
}

/** The keyring as stored, after the gateway's own check of it. */
async function read(file: string): Promise<KeyringFile> {
  if (!existsSync(file)) throw new CommandError(`${file} does not exist; make one with assertion-keys new ${file}`);
  try {
    await loadAssertionKeyring(file);
  } catch (error) {
    throw new CommandError((error as Error).message);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as KeyringFile;
}

/** Checked as the gateway will read it, then put in place whole (a reader never sees half a file). */
async function save(file: string, ring: KeyringFile): Promise<void> {
  const next = `${file}.${process.pid}.tmp`;
  writeFileSync(next, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600 });
  try {
    await loadAssertionKeyring(next);
  } catch (error) {
    throw new CommandError(`the changed keyring would not load: ${(error as Error).message}`);
  }
  renameSync(next, file);
}
