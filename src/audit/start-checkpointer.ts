import type { AuditCheckpointConfig } from '../config.js';
import type { Logger } from '../observability/log.js';
import { observeCheckpointFailed, observeCheckpointWritten } from '../observability/observe.js';
import { loadCheckpointSigningKey } from './checkpoint-keys.js';
import { Checkpointer } from './checkpointer.js';

/** The gateway's checkpointer as configured, with its metrics; throws ConfigError without a signing key. */
export function startCheckpointer(config: AuditCheckpointConfig, logger: Logger): Checkpointer {
  return new Checkpointer({
    file: config.file,
    every: config.every,
    intervalSeconds: config.intervalSeconds,
    key: loadCheckpointSigningKey(config),
    logger,
    onWritten: observeCheckpointWritten,
    onFailed: observeCheckpointFailed,
  });
}
