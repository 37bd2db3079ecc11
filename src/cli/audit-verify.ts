import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { migrateAll } from '../subgraphs/migrate-all.js';
import { verifyChain } from '../audit/verify.js';
import { verifyCheckpoints } from '../audit/checkpoint-verify.js';
import { loadCheckpointPublicKeys } from '../audit/checkpoint-keys.js';
import { checkpointsMissing, describeCheckpoints } from '../audit/verify-log.js';
import { EXIT } from './exit.js';
import { parseOptions } from './args.js';
import { progress } from './progress.js';

const USAGE = `Usage: city-population-gateway audit verify
   or: npm run audit:verify

Walks the whole access audit log in order and recomputes its hash chain. Reports the first record
that was altered, removed or reordered, naming its sequence number. Then checks the chain against
the signed checkpoints in AUDIT_CHECKPOINT_FILE (default .data/audit-checkpoints.jsonl), which
catch a chain rewritten with all its hashes recomputed, or cut short: each signature with the
public key (AUDIT_CHECKPOINT_PUBLIC_KEY_FILE, else derived from AUDIT_CHECKPOINT_KEY_FILE, else the
development key), and each signed record's hash in the chain. Progress goes to stderr, the
verdicts to stdout.

Exit codes: 0 intact (the count is printed), 1 broken (the first broken record or checkpoint is
named; with NODE_ENV=production also a missing or empty checkpoint file), 2 bad arguments or
configuration, 3 database unreachable.`;

export async function run(args: string[]): Promise<void> {
  const values = parseOptions(args, { help: { type: 'boolean', short: 'h' } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const config = loadConfig();
  const publicKeys = loadCheckpointPublicKeys(config.auditCheckpoints);
  const database = await openDatabase(config.database);
  try {
    await migrateAll(database);
    // The chain head counts the records written: the bar's total (verifyChain checks it too).
    const [head] = await database.query<{ seq: string | number }>('select seq from audit.chain_head where id');
    const bar = progress({ label: 'verifying', unit: 'records', total: Number(head?.seq ?? 0) });
    const result = await verifyChain(database, (checked) => bar.update(checked)).finally(() => bar.end());
    if (result.intact) {
      process.stdout.write(`audit chain intact: ${result.count} records\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at record ${result.seq}: ${result.problem} (${result.count} records before it are intact)\n`);
      process.exitCode = EXIT.failed;
    }

    const checkpoints = await verifyCheckpoints(database, { file: config.auditCheckpoints.file, publicKeys });
    switch (checkpoints.status) {
      case 'agrees':
        process.stdout.write(`audit checkpoints agree: ${describeCheckpoints(checkpoints)}\n`);
        break;
      case 'disagrees':
        process.stdout.write(`audit checkpoints DISAGREE${checkpoints.seq ? ` at record ${checkpoints.seq}` : ''}: ${describeCheckpoints(checkpoints)}\n`);
        process.exitCode = EXIT.failed;
        break;
      case 'none': {
        const expected = checkpointsMissing(checkpoints, config.auditCheckpoints.required, result.count);
        process.stdout.write(
          `audit checkpoints ${expected ? 'MISSING' : 'not checked'}: ${describeCheckpoints(checkpoints)}. Point AUDIT_CHECKPOINT_FILE at the file the gateway writes.\n`,
        );
        if (expected) process.exitCode = EXIT.failed;
        break;
      }
    }
  } finally {
    await database.close();
  }
}
