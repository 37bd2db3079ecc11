/**
 * Strict readers for the rule-set files. A rule set decides people's access to public services,
 * so a file that is not exactly what the engine expects is refused at load time (fail closed):
 * unknown keys, wrong types and missing texts are errors, never defaults. Each check returns the
 * typed value or throws a ShapeError naming where in the file the problem is; the loader adds the
 * file name.
 */
import { isIsoDate } from './calendar.js';
import { CONFIDENCES, type Confidence, type IsoDate, type RuleText } from './types.js';

export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ShapeError';
  }
}

/** Reads `value` found at `path` (e.g. `indicators[2].params.cap`) or throws a ShapeError. */
export type Check<T> = (value: unknown, path: string) => T;
export type Checked<C> = C extends Check<infer T> ? T : never;

const shown = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const text: Check<string> = (value, path) => {
  if (typeof value !== 'string' || value.trim() === '') throw new ShapeError(path, `must be text, got ${shown(value)}`);
  return value.trim();
};

export const boolean: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new ShapeError(path, `must be true or false, got ${shown(value)}`);
  return value;
};

/** Points, years, hours and fen are whole numbers; a fraction in a rule file is a typo. */
export function wholeNumber(min = 0, max = Number.MAX_SAFE_INTEGER): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new ShapeError(path, `must be a whole number from ${min} to ${max}, got ${shown(value)}`);
    }
    return value;
  };
}

export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw new ShapeError(path, `must be one of ${values.join(', ')}, got ${shown(value)}`);
    }
    return value as T;
  };
}

export const isoDate: Check<IsoDate> = (value, path) => {
  if (!isIsoDate(value)) throw new ShapeError(path, `must be a date written YYYY-MM-DD (quoted or not), got ${shown(value)}`);
  return value;
};

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

export function listOf<T>(item: Check<T>, minLength = 0): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, `must be a list, got ${shown(value)}`);
    if (value.length < minLength) throw new ShapeError(path, `must list at least ${minLength}`);
    return value.map((entry, i) => item(entry, `${path}[${i}]`));
  };
}

/** A list without repeats (district codes, sector names): a repeat is a copy-paste slip. */
export function setOf<T extends string>(item: Check<T>, minLength = 1): Check<T[]> {
  const list = listOf(item, minLength);
  return (value, path) => {
    const entries = list(value, path);
    const repeated = entries.find((entry, i) => entries.indexOf(entry) !== i);
    if (repeated !== undefined) throw new ShapeError(path, `lists ${repeated} twice`);
    return entries;
  };
}

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: Checked<S[K]> };

/**
 * A mapping with exactly the `required` keys and any of the `optional` ones; any other key is
 * refused, naming the keys it may have (a misspelt `cap` must not silently mean "no cap").
 */
export function record<R extends Shape, O extends Shape = Record<never, never>>(
  required: R,
  optional?: O,
): Check<Out<R> & Partial<Out<O>>> {
  return (value, path) => {
    if (!isRecord(value)) throw new ShapeError(path, `must be a mapping, got ${shown(value)}`);
    const allowed = [...Object.keys(required), ...Object.keys(optional ?? {})];
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw new ShapeError(`${path}.${key}`, `unknown key; allowed here: ${allowed.join(', ')}`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(required)) {
      if (!(key in value)) throw new ShapeError(`${path}.${key}`, 'is missing');
      out[key] = check(value[key], `${path}.${key}`);
    }
    for (const [key, check] of Object.entries(optional ?? {})) {
      if (key in value) out[key] = check(value[key], `${path}.${key}`);
    }
    return out as Out<R> & Partial<Out<O>>;
  };
}

/** The human rule an answer quotes: both languages, never empty (PIPL Art. 24). */
export const ruleText: Check<RuleText> = record({ zh: text, en: text });

export const confidence: Check<Confidence> = oneOf(CONFIDENCES);

/** Confidence of an item and, when it is U, the required note saying what is unverified and why. */
export interface Sureness {
  confidence: Confidence;
  note: string | null;
}

/**
 * Reads `confidence` and `note` from an already-checked item: a U value without a note would be an
 * uncertainty nobody can explain, so it is refused.
 */
export function sureness(item: { confidence: Confidence; note?: string }, path: string): Sureness {
  if (item.confidence === 'U' && item.note === undefined) {
    throw new ShapeError(`${path}.note`, 'is missing: a value marked U must say what is unverified and why');
  }
  return { confidence: item.confidence, note: item.note ?? null };
}
