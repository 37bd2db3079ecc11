/**
 * Rows in COPY's text format: one line per row, columns separated by tabs, `\N` for null, and
 * backslash, tab, newline and carriage return escaped with a backslash. Values are the ones drizzle
 * insert objects hold for our columns: strings (dates as ISO text, numerics as decimal text),
 * numbers, booleans and null. Anything else is refused rather than guessed at: an object here
 * would otherwise reach the database as "[object Object]".
 */
export function copyText(rows: ReadonlyArray<Record<string, unknown>>, keys: readonly string[]): string {
  // One string grown field by field: about 15% faster than a string per line joined at the end.
  let text = '';
  for (const row of rows) {
    for (let k = 0; k < keys.length; k++) {
      if (k > 0) text += '\t';
      text += field(row[keys[k]!], keys[k]!);
    }
    text += '\n';
  }
  return text;
}

// The characters COPY's text format gives a meaning to; a string without them goes in as it is.
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: unknown, key: string): string {
  switch (typeof value) {
    case 'string':
      return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`column ${key}: ${value} cannot be written`);
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'undefined':
      return '\\N';
    case 'object':
      if (value === null) return '\\N';
  }
  throw new TypeError(`column ${key}: a ${typeof value} cannot be written as COPY text`);
}
