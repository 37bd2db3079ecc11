/**
 * An upper bound on the bytes `JSON.stringify(value)` takes, without building the string: a walk
 * over the answer is a fraction of serialising it. A string's UTF-16 units take at most 6 bytes
 * each in JSON (a control character escaped as `\u001f`; other characters 1 to 3 bytes, a
 * surrogate pair 4 for 2 units), so the bound holds for any text; an object's keys are GraphQL
 * response keys (names: ASCII letters, digits, `_`), which JSON writes as they are. For the
 * answers a department reads the bound is two to three times the real size.
 */
export function jsonSizeBound(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      // The longest a JavaScript number prints is 25 characters (-0.0000012345678901234567).
      return 32;
    case 'boolean':
      return 5;
    case 'object': {
      let size = 2;
      if (Array.isArray(value)) {
        for (const item of value) size += jsonSizeBound(item) + 1;
        return size;
      }
      for (const key in value) size += key.length + 3 + jsonSizeBound((value as Record<string, unknown>)[key]) + 1;
      return size;
    }
    default:
      return 0;
  }
}
