import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics, served at `/metrics`. One registry per process, as Prometheus
 * scrapes processes: gateway replicas and, later, subgraph services each expose their own.
 * Labels carry codes (route, department, error code, table), never people or tokens.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];

/** Seconds; from a 2 ms cache hit to a 10 s bulk read. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequests = new Counter({
  name: 'gateway_http_requests_total',
  help: 'HTTP requests answered, by route and status.',
  labelNames: ['route', 'status'] as const,
  registers,
});

export const httpDuration = new Histogram({
  name: 'gateway_http_request_duration_seconds',
  help: 'Time from a request arriving to its answer being sent (audit commit included), by route.',
  labelNames: ['route'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

export const denials = new Counter({
  name: 'gateway_denials_total',
  help: 'Requests refused (code of the refusal) and fields denied by the sharing policy (code FORBIDDEN, one per field), by department of the caller.',
  labelNames: ['department', 'code'] as const,
  registers,
});

export const auditWriteDuration = new Histogram({
  name: 'gateway_audit_write_duration_seconds',
  help: 'Time to commit one batch of audit records (one statement, one commit).',
  buckets: LATENCY_BUCKETS,
  registers,
});

export const auditBatchSize = new Histogram({
  name: 'gateway_audit_batch_records',
  help: 'Audit records committed together in one batch (group commit).',
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
  registers,
});

export const loaderBatchSize = new Histogram({
  name: 'gateway_dataloader_batch_keys',
  help: 'Keys read by one batched DataLoader statement, by read (table or named read).',
  labelNames: ['read'] as const,
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
  registers,
});

export const auditCheckpoints = new Counter({
  name: 'gateway_audit_checkpoints_total',
  help: 'Signed audit checkpoints appended to AUDIT_CHECKPOINT_FILE (result written) or not (result failed: answers continue, the chain is not anchored outside the database meanwhile).',
  labelNames: ['result'] as const,
  registers,
});

export const auditCheckpointSeq = new Gauge({
  name: 'gateway_audit_checkpoint_seq',
  help: 'The audit record the last signed checkpoint of this replica anchors (alert when it stops following the chain).',
  registers,
});

export const rateLimited = new Counter({
  name: 'gateway_rate_limited_total',
  help: 'Requests answered 429, by the limit reached: department, subject, app (token buckets) or refusals (too many refused requests from one client address).',
  labelNames: ['limit'] as const,
  registers,
});

export const refusalsSuppressed = new Counter({
  name: 'gateway_refusals_suppressed_total',
  help: 'Refused requests answered without an audit record of their own because their source was past its refusal limit; each window of them leaves one REFUSALS_SUPPRESSED summary record.',
  registers,
});

export const rateLimitStoreErrors = new Counter({
  name: 'gateway_rate_limit_store_errors_total',
  help: 'Rate-limit store (Redis) commands that failed or timed out; each fell back to the replica-local limit.',
  registers,
});

/** Seconds; a subgraph fetch is one to a few statements, up to a thousand people's slice. */
const FETCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export const subgraphFetchDuration = new Histogram({
  name: 'gateway_subgraph_fetch_duration_seconds',
  help: 'Time of one fetch from the gateway to a department subgraph running as its own service, answered or not, by subgraph.',
  labelNames: ['subgraph'] as const,
  buckets: FETCH_BUCKETS,
  registers,
});

export const subgraphUnavailable = new Counter({
  name: 'gateway_subgraph_unavailable_total',
  help: 'Fetches to a subgraph service answered SUBGRAPH_UNAVAILABLE, by subgraph and reason (timeout, connection, status, refused, circuit open).',
  labelNames: ['subgraph', 'reason'] as const,
  registers,
});

export const subgraphCircuitOpen = new Gauge({
  name: 'gateway_subgraph_circuit_open',
  help: '1 while the gateway has stopped sending fetches to a failing subgraph (circuit open or probing), 0 when it is closed.',
  labelNames: ['subgraph'] as const,
  registers,
});

export const subgraphRequests = new Counter({
  name: 'subgraph_http_requests_total',
  help: 'Requests a department subgraph service answered, by subgraph and status.',
  labelNames: ['subgraph', 'status'] as const,
  registers,
});

export const assertionRefusals = new Counter({
  name: 'subgraph_assertion_refusals_total',
  help: 'Fetches a department subgraph service refused for their caller assertion, by subgraph and reason.',
  labelNames: ['subgraph', 'reason'] as const,
  registers,
});

export const subgraphDocuments = new Counter({
  name: 'subgraph_documents_total',
  help: 'Distinct documents a subgraph began executing, by subgraph and how: compiled (graphql-jit) or interpreted (graphql-js: a string literal, a variable default, or not compilable).',
  labelNames: ['subgraph', 'execution'] as const,
  registers,
});
