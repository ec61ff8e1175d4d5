type Growable = Float64Array | Uint32Array | Int32Array;

/** A typed array of the same kind and at least `length` elements, holding `array`'s values first. */
export function grownTo<T extends Growable>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(length);
  grown.set(array);
  return grown;
}
