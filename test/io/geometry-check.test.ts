import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { resolveCrs } from '../../src/geometry/crs.js';
import { FlatPolygons } from '../../src/io/flat-polygons.js';
import { polygonsOf } from '../../src/io/geometry-check.js';
import { InvalidFeatures } from '../../src/io/skipped.js';

type Rings = number[][][];

const square: Rings = [
  [
    [7, 51],
    [7.1, 51],
    [7.1, 51.1],
    [7, 51.1],
    [7, 51],
  ],
];

/** The same polygons as flat rings, as the FlatGeobuf decoder and the GeoJSON scanner give them. */
function flat(type: 'Polygon' | 'MultiPolygon', coordinates: Rings | Rings[]): FlatPolygons {
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as Rings[];
  return new FlatPolygons(
    type,
    polygons.map((rings) => rings.map((ring) => Float64Array.from(ring.flat()))),
  );
}

/** The error message (or the polygons as arrays) for one geometry. */
function outcome(geometry: unknown, options: { invalid?: 'repair'; crs?: string } = {}): unknown {
  const where = { file: 'f', feature: 3, ...(options.crs ? { crs: resolveCrs(options.crs) } : {}) };
  const invalid = options.invalid ? new InvalidFeatures(options.invalid) : undefined;
  try {
    const polygons = polygonsOf(geometry, where, invalid);
    return { polygons: polygons.map((rings) => rings.map((r) => [...r])), repairs: invalid?.repairs };
  } catch (error) {
    if (!isInputError(error)) throw error;
    return error.message;
  }
}

const cases: [string, 'Polygon' | 'MultiPolygon', Rings | Rings[]][] = [
  ['valid', 'Polygon', square],
  [
    'valid parts',
    'MultiPolygon',
    [
      square,
      [
        [
          [8, 51],
          [8.1, 51],
          [8.1, 51.1],
          [8, 51],
        ],
      ],
    ],
  ],
  ['unclosed', 'Polygon', [square[0].slice(0, 4)]],
  [
    'too few positions',
    'Polygon',
    [
      [
        [7, 51],
        [7.1, 51],
        [7, 51],
      ],
    ],
  ],
  [
    'out of range',
    'Polygon',
    [
      [
        [7, 51],
        [700, 51],
        [7.1, 51.1],
        [7, 51],
      ],
    ],
  ],
  [
    'projected metres',
    'Polygon',
    [
      [
        [350000, 5650000],
        [360000, 5650000],
        [360000, 5660000],
        [350000, 5650000],
      ],
    ],
  ],
  [
    'NaN',
    'Polygon',
    [
      [
        [7, 51],
        [Number.NaN, 51],
        [7.1, 51.1],
        [7, 51],
      ],
    ],
  ],
  [
    'bowtie',
    'Polygon',
    [
      [
        [7, 51],
        [7.1, 51.1],
        [7.1, 51],
        [7, 51.1],
        [7, 51],
      ],
    ],
  ],
  [
    'second part broken',
    'MultiPolygon',
    [
      square,
      [
        [
          [8, 51],
          [8.1, 51],
          [8, 51],
        ],
      ],
    ],
  ],
  ['empty polygon', 'Polygon', []],
  ['no parts', 'MultiPolygon', []],
  ['empty ring', 'Polygon', [[]]],
];

describe('geometry checks on flat rings', () => {
  it.each(cases)('%s: flat rings give what the JSON coordinates give', (_, type, coordinates) => {
    const json = { type, coordinates };
    expect(outcome(flat(type, coordinates))).toEqual(outcome(json));
    expect(outcome(flat(type, coordinates), { invalid: 'repair' })).toEqual(
      outcome(json, { invalid: 'repair' }),
    );
  });

  it('names the position by its field path in both forms', () => {
    const [, type, coordinates] = cases[4];
    const message = outcome(flat(type, coordinates));
    expect(message).toContain('field geometry.coordinates[0][1]: coordinates out of range');
    expect(message).toBe(outcome({ type, coordinates }));
  });

  it('projects flat rings like JSON ones, and refuses degrees under a projected CRS the same way', () => {
    const [, type, coordinates] = cases[5];
    expect(outcome(flat(type, coordinates), { crs: 'EPSG:25832' })).toEqual(
      outcome({ type, coordinates }, { crs: 'EPSG:25832' }),
    );
    expect(outcome(flat('Polygon', square), { crs: 'EPSG:25832' })).toEqual(
      outcome({ type: 'Polygon', coordinates: square }, { crs: 'EPSG:25832' }),
    );
  });
});
