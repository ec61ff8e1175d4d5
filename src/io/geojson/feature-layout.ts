import { sameBytes } from './json-skip.js';
import { type ScannedFeature, ScannedGeometry } from './scanned-geometry.js';

/** Where the parts of a feature scanned in full were, by byte. */
export interface FeatureParts {
  start: number;
  end: number;
  geometryStart: number;
  geometryEnd: number;
  coordinatesStart: number;
  coordinatesEnd: number;
}

/**
 * A polygon feature as the file writes them, its coordinates cut out: a coverage export repeats the
 * bytes before and after the coordinates from feature to feature (one layer's properties, the same
 * geometry type), so the next feature is read by comparing them and reading its rings. Sound because
 * a feature that matches is, byte for byte, the feature scanned in full with other coordinates of the
 * same depth (which the ring reader checks as it reads them).
 */
export class FeatureLayout {
  /** The feature read in full: where it and its coordinates start and end, by byte. */
  private start = 0;
  private end = 0;
  private coordinatesStart = 0;
  private coordinatesEnd = 0;
  /** From the feature's start to its geometry's; from the coordinates' end to the geometry's. */
  private geometryLead = 0;
  private geometryTail = 0;
  type: 'Polygon' | 'MultiPolygon' = 'Polygon';
  private id: unknown;
  /** Properties of primitive values only, so a copy is a new object with the same values. */
  private properties: Readonly<Record<string, unknown>> | undefined;

  /** Takes the layout of the feature at `parts` (kept by place, not copied: it is in the text read). */
  set(
    parts: FeatureParts,
    type: 'Polygon' | 'MultiPolygon',
    id: unknown,
    properties: Readonly<Record<string, unknown>> | undefined,
  ): void {
    this.start = parts.start;
    this.end = parts.end;
    this.coordinatesStart = parts.coordinatesStart;
    this.coordinatesEnd = parts.coordinatesEnd;
    this.geometryLead = parts.geometryStart - parts.start;
    this.geometryTail = parts.geometryEnd - parts.coordinatesEnd;
    this.type = type;
    this.id = id;
    this.properties = properties;
  }

  /** Where the coordinates of a feature at `at` in this layout start, or −1 where it is not. */
  coordinatesAt(text: Uint8Array, at: number): number {
    const length = this.coordinatesStart - this.start;
    return this.end > 0 && sameBytes(text, at, this.start, length) ? at + length : -1;
  }

  /** Where the feature ends whose coordinates end at `coordinatesEnd`, or −1 where it is not in this layout. */
  endAfter(text: Uint8Array, coordinatesEnd: number): number {
    const length = this.end - this.coordinatesEnd;
    return sameBytes(text, coordinatesEnd, this.coordinatesEnd, length) ? coordinatesEnd + length : -1;
  }

  /** The feature at `at` in this layout, with its coordinates (see ScannedGeometry). */
  feature(
    text: Buffer,
    at: number,
    coordinatesEnd: number,
    block: Float64Array,
    first: number,
    shape: readonly number[],
  ): ScannedFeature {
    const geometry = new ScannedGeometry(
      this.type,
      block,
      first,
      shape,
      text,
      at + this.geometryLead,
      coordinatesEnd + this.geometryTail,
    );
    const properties = this.properties && { ...this.properties };
    return { type: 'Feature', id: this.id, properties, geometry };
  }
}
