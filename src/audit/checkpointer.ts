import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../observability/log.js';
import { checkpointLine, signCheckpoint, type ChainHead, type SignedCheckpoint } from './checkpoint.js';

export interface CheckpointerOptions {
  /** The append-only file the signed checkpoints go to, one JSON line each. */
  file: string;
  /** A checkpoint once the chain has grown by this many records since the last one. */
  every: number;
  /** And at least this often while the chain grows. */
  intervalSeconds: number;
  /** Ed25519 private key; never stored where the database is. */
  key: KeyObject;
  logger: Logger;
  /** Metrics: each checkpoint written, each one that could not be. */
  onWritten?(checkpoint: SignedCheckpoint): void;
  onFailed?(error: unknown): void;
}

/**
 * Signs the audit chain head at checkpoints and appends them to a file outside the database: when
 * the chain has grown by `every` records since the last checkpoint, on every interval tick if it
 * grew at all, and once more on a graceful stop. The AuditWriter tells it each committed head.
 *
 * A checkpoint that cannot be written is logged and counted, never thrown: answers are already
 * fail-closed on the audit record itself (in the database), and a full disk here must not take the
 * gateway down. The next tick tries again with the newest head, which covers everything before it.
 *
 * Several replicas may append to one file: each line is one append (O_APPEND) of one checkpoint,
 * and all of them sign the same chain, so verification takes them in any order.
 */
export class Checkpointer {
  /** The newest head this process saw committed. */
  private latest: ChainHead | null = null;
  /** The head of the last checkpoint begun: `every` more records trigger the next. */
  private scheduledSeq = 0;
  /** The head of the last checkpoint durably written. */
  private writtenSeq = 0;
  private inFlight = 0;
  private writing: Promise<void> = Promise.resolve();
  private handle: FileHandle | null = null;
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: CheckpointerOptions) {
    this.timer = setInterval(() => this.onTick(), options.intervalSeconds * 1000);
    // The timer alone must not keep a process (a command, a test) alive.
    this.timer.unref();
  }

  /** Called by the AuditWriter after each committed batch, with the chain head it moved to. */
  onCommit(head: ChainHead): void {
    if (this.stopped) return;
    if (!this.latest || head.seq > this.latest.seq) this.latest = head;
    if (this.latest.seq - this.scheduledSeq >= this.options.every) this.checkpoint();
  }

  /** Resolves once every checkpoint begun so far is written (or has failed and been reported). */
  idle(): Promise<void> {
    return this.writing;
  }

  /** Stops the timer, writes a last checkpoint if the chain moved since the previous one, closes the file. */
  async stop(): Promise<void> {
    if (this.stopped) return this.writing;
    this.stopped = true;
    clearInterval(this.timer);
    await this.writing;
    // Also retries a last checkpoint that failed: this is its final chance in this process.
    if (this.latest && this.latest.seq > this.writtenSeq) {
      this.checkpoint();
      await this.writing;
    }
    await this.handle?.close().catch(() => {});
    this.handle = null;
  }

  private onTick(): void {
    // A failed write left writtenSeq behind: the tick retries it with the newest head.
    if (this.latest && this.latest.seq > this.writtenSeq && this.inFlight === 0) this.checkpoint();
  }

  private checkpoint(): void {
    const head = this.latest!;
    this.scheduledSeq = head.seq;
    this.inFlight += 1;
    this.writing = this.writing.then(() => this.write(head)).finally(() => void (this.inFlight -= 1));
  }

  private async write(head: ChainHead): Promise<void> {
    const { file, key, logger } = this.options;
    try {
      const checkpoint = signCheckpoint(head, key);
      if (!this.handle) {
        mkdirSync(dirname(file), { recursive: true });
        this.handle = await open(file, 'a', 0o644);
      }
      await this.handle.appendFile(checkpointLine(checkpoint));
      // Durable before it counts as written: a checkpoint lost in a crash leaves records unanchored.
      await this.handle.datasync();
      this.writtenSeq = Math.max(this.writtenSeq, head.seq);
      this.options.onWritten?.(checkpoint);
      logger.debug({ seq: checkpoint.seq, keyId: checkpoint.keyId }, 'audit checkpoint signed');
    } catch (error) {
      // Reopen next time: the file may have been moved away or its disk remounted.
      await this.handle?.close().catch(() => {});
      this.handle = null;
      this.options.onFailed?.(error);
      logger.error(
        { err: error, file, seq: head.seq },
        'audit checkpoint not written: answers continue (each is audited in the database), but the chain up to this record is not yet anchored outside it. Check that AUDIT_CHECKPOINT_FILE is writable.',
      );
    }
  }
}
