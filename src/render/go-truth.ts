/**
 * Go templates' notion of "empty", used by `if`, `with`, `and`, `or`, `not` and sprig's `default`.
 * Unlike JavaScript, an empty map and an empty list are false, and so is every zero number.
 */
export function goTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0; // NaN is true in Go too; -0 is zero
    case 'bigint':
      return value !== 0n;
    case 'string':
      return value.length > 0;
    case 'object':
      return Array.isArray(value) ? value.length > 0 : hasKeys(value);
    default:
      return true;
  }
}

// Without building the key list: values are prototype-free maps, where for-in sees own keys only.
function hasKeys(value: object): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
  return false;
}
