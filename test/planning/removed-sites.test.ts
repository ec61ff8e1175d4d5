import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removedCoverage } from '../../src/pipeline/removed-sites.js';
import { boxRing, featureCollection, tempDir } from '../helpers.js';

const site = (id: string, x: number) => ({
  type: 'Feature',
  properties: { operator: 'P', technology: 'LTE', site_id: id, predicted: true },
  geometry: { type: 'Polygon', coordinates: [boxRing(x, 51, x + 0.1, 51.1)] },
});

describe('the sites whatif --remove takes out', () => {
  it("keeps the layer's other polygons, and refuses an id two coverage files share", () => {
    const dir = tempDir();
    const a = join(dir, 'a.geojson');
    const b = join(dir, 'b.geojson');
    writeFileSync(a, featureCollection([site('S1', 7), site('S2', 7.05)]));
    writeFileSync(b, featureCollection([site('S1', 8)]));
    const [removed] = removedCoverage([a], ['S1']);
    expect(removed).toMatchObject({ operator: 'P', technology: 'LTE' });
    expect(removed.polygons).toHaveLength(1);
    expect(removed.kept.polygonCount).toBe(1);
    expect(() => removedCoverage([a, b], ['S1'])).toThrow("the site id is in the base's coverage twice");
    expect(() => removedCoverage([a], ['S9'])).toThrow("no such site in the base's predicted coverage");
  });
});
