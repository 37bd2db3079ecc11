import type { AuditRecord } from '../audit/record.js';
import { auditBatchSize, auditCheckpoints, auditCheckpointSeq, auditWriteDuration, denials } from './metrics.js';

/**
 * Every request leaves exactly one audit record, refused ones included, so the record is where
 * denials are counted: a refusal by its code, and each field the policy denied as FORBIDDEN.
 */
export function observeAuditRecord(record: AuditRecord): void {
  const department = record.department ?? 'unknown';
  if (record.outcome === 'refused' && record.code) denials.inc({ department, code: record.code });
  if (record.fieldsDenied.length > 0) denials.inc({ department, code: 'FORBIDDEN' }, record.fieldsDenied.length);
}

export function observeAuditBatch(records: number, seconds: number): void {
  auditBatchSize.observe(records);
  auditWriteDuration.observe(seconds);
}

export function observeCheckpointWritten(checkpoint: { seq: number }): void {
  auditCheckpoints.inc({ result: 'written' });
  auditCheckpointSeq.set(checkpoint.seq);
}

export function observeCheckpointFailed(): void {
  auditCheckpoints.inc({ result: 'failed' });
}
