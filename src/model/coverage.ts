import type { PolygonSet } from './polygon-set.js';

/** One operator's coverage with one technology: the unit a household is classified by. */
export interface Layer {
  readonly operator: string;
  readonly technology: string;
}

/** Coverage polygons (one per Polygon or MultiPolygon part), `polygons.owner` = layer index. */
export interface Coverage {
  readonly layers: readonly Layer[];
  readonly polygons: PolygonSet;
}

/** The headline technologies; any other technology value is kept as its own. */
export const LTE = 'lte';
export const NR = '5g';

// A Map, so a technology named `constructor` is not looked up on Object.prototype.
const ALIASES = new Map<string, string>([
  ['lte', LTE],
  ['4g', LTE],
  ['5g', NR],
  ['nr', NR],
  ['5g-nsa', NR],
  ['5g-sa', NR],
  ['5g-dss', NR],
]);

export function normaliseTechnology(value: string): string {
  const key = value.trim().toLowerCase();
  return ALIASES.get(key) ?? key;
}

/** A household's classification is a bitmask over layers, so at most 32 layers fit. */
export const MAX_LAYERS = 32;

/** Bits of the layers with the given technology. */
export function technologyMask(layers: readonly Layer[], technology: string): number {
  let mask = 0;
  layers.forEach((layer, i) => {
    if (layer.technology === technology) mask |= 1 << i;
  });
  return mask >>> 0;
}
