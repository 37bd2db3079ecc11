import type { Database } from '../db/client.js';

/** After a replica failed, lookups stay on the primary this long before the replica is tried again. */
const REPLICA_COOLDOWN_MS = 10_000;

/**
 * Where a subgraph service's lookups are read (DATABASE_REPLICA_URL): a PostgreSQL streaming
 * replica takes them off a busy primary. Reads only: a subgraph writes nothing today, and a
 * department's writes (later) will read their own answers back from the primary. A replica that
 * does not answer sends the lookups back to the primary for a while; the fetch that met the
 * failure is answered again from the primary, so a caller never pays for the replica.
 */
export class ReadRouting {
  private replicaDownUntil = 0;

  constructor(
    readonly primary: Database,
    readonly replica: Database | null,
    private readonly now: () => number = Date.now,
  ) {}

  /** The database the next fetch reads. */
  reads(): Database {
    return this.replica && this.now() >= this.replicaDownUntil ? this.replica : this.primary;
  }

  /** The replica did not answer usably: the primary takes the lookups for a while. */
  replicaFailed(): void {
    this.replicaDownUntil = this.now() + REPLICA_COOLDOWN_MS;
  }
}
