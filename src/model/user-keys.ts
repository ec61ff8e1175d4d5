/**
 * A feature's own property, never one inherited from Object.prototype: a property or flag named
 * `constructor` or `__proto__` is the user's data, not JavaScript's.
 */
export function ownProperty(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** An empty record without a prototype, for user strings as keys (`record['__proto__'] = …` adds an own key). */
export function nullRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
