import type { Crs } from '../../geometry/crs.js';
import type { FileDigest } from '../files/source.js';
import type { RawFeature } from '../read-result.js';
import { readContainer } from './container-read.js';
import { FeatureSlot } from './format.js';
import { decodeGeometry } from './geometry-read.js';
import { type Column, decodeColumns, type HeaderMeta } from './header.js';
import { decodeProperties } from './properties-read.js';
import type { TableView } from './table-view.js';

/**
 * FlatGeobuf features as raw features (polygons as flat rings, see DecodedGeometry, in the file's CRS), in
 * file order, with the CRS from the header. The file is streamed, never held whole.
 */
export function readFlatGeobufFeatures(
  path: string,
  chunkBytes?: number,
): {
  features: RawFeature[];
  digest: FileDigest;
  crs?: Crs;
} {
  let header: HeaderMeta | undefined;
  const features: RawFeature[] = [];
  const { digest } = readContainer(
    path,
    (h) => {
      header = h;
    },
    (view, feature, index) => {
      const { columns, geometryType } = header as HeaderMeta;
      const geometry = view.ref(feature, FeatureSlot.geometry);
      features.push({
        index,
        properties: decodeProperties(
          view,
          view.ref(feature, FeatureSlot.properties),
          columnsOf(view, feature, columns),
        ),
        geometry: geometry < 0 ? null : decodeGeometry(view, geometry, geometryType),
      });
    },
    chunkBytes,
  );
  const crs = (header as HeaderMeta).crs;
  return { features, digest, ...(crs ? { crs } : {}) };
}

/** The feature's own schema if it has one (allowed by the spec, rare), else the header's. */
function columnsOf(view: TableView, feature: number, header: Column[]): Column[] {
  const own = view.ref(feature, FeatureSlot.columns);
  return own < 0 ? header : decodeColumns(view, own);
}
