import { GraphQLError } from 'graphql';
import type { ObjectStep, OperationPlan } from './operation-plan.js';

export interface PlannedAnswer {
  data: Record<string, unknown> | null | undefined;
  /** FORBIDDEN errors at the paths of the denied fields. */
  errors: GraphQLError[];
  /** The citizen IDs the answer carries (upper-case, each once): what the audit records. */
  citizenIds: string[];
}

/**
 * Brings an executed result back to the shape of the operation the caller sent (every denied field
 * present as `null` with a FORBIDDEN error at its path, masked fields masked, the gateway's own
 * fields removed) and reads the citizen IDs it carries for the audit. Objects with nothing to
 * change are passed on as they are, not copied; objects with nothing to change or read below them
 * are not even visited.
 */
export function answerWithPlan(plan: OperationPlan, data: Record<string, unknown> | null | undefined): PlannedAnswer {
  const state: State = { errors: [], citizenIds: new Set() };
  if (!data) return { data, errors: [], citizenIds: [] };
  const shaped = applyObject(state, plan.root, data, []);
  return { data: shaped, errors: state.errors, citizenIds: [...state.citizenIds] };
}

interface State {
  errors: GraphQLError[];
  citizenIds: Set<string>;
}

function applyObject(state: State, step: ObjectStep, value: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  if (step.citizenIdKey) record(state, value[step.citizenIdKey]);
  if (!step.reshape) {
    if (step.read) readBelow(state, step, value);
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const field of step.fields) {
    if (field.denial) {
      out[field.key] = null;
      const { message, extensions } = field.denial;
      state.errors.push(new GraphQLError(message, { path: [...path, field.key], extensions: { code: 'FORBIDDEN', ...extensions } }));
      continue;
    }
    if (!(field.key in value)) continue;
    const fieldValue = value[field.key];
    if (field.recordsCitizenId) record(state, fieldValue);
    if (field.child && (field.child.reshape || field.child.read)) {
      path.push(field.key);
      out[field.key] = applyValue(fieldValue, path, (item) => applyObject(state, field.child!, item as Record<string, unknown>, path));
      path.pop();
    } else if (field.mask) {
      const mask = field.mask;
      out[field.key] = applyValue(fieldValue, path, (item) => (typeof item === 'string' ? mask(item) : item));
    } else {
      out[field.key] = fieldValue;
    }
  }
  return out;
}

/** Reads the citizen IDs under an object that passes unchanged: nothing is copied or allocated. */
function readBelow(state: State, step: ObjectStep, value: Record<string, unknown>): void {
  for (const field of step.fields) {
    if (field.recordsCitizenId) record(state, value[field.key]);
    else if (field.child?.read) eachObject(value[field.key], (item) => readObject(state, field.child!, item));
  }
}

function readObject(state: State, step: ObjectStep, value: Record<string, unknown>): void {
  if (step.citizenIdKey) record(state, value[step.citizenIdKey]);
  readBelow(state, step, value);
}

function eachObject(value: unknown, visit: (item: Record<string, unknown>) => void): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) for (const item of value) eachObject(item, visit);
  else visit(value as Record<string, unknown>);
}

function record(state: State, value: unknown): void {
  if (typeof value === 'string') state.citizenIds.add(value.toUpperCase());
  else if (Array.isArray(value)) for (const item of value) record(state, item);
}

/** Applies `shapeItem` to a value or to each item of a (nested) list, keeping `path` current. */
function applyValue(value: unknown, path: (string | number)[], shapeItem: (item: unknown) => unknown): unknown {
  if (value === null || value === undefined) return value;
  if (!Array.isArray(value)) return shapeItem(value);
  return value.map((item, i) => {
    path.push(i);
    const shaped = applyValue(item, path, shapeItem);
    path.pop();
    return shaped;
  });
}
