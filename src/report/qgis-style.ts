import { escapeXml } from './escape.js';
import { metricScale } from './metrics.js';
import { DEAD_ZONE_COLORS, qgisColor } from './palette.js';

/** The QGIS styles written beside the outputs: the report's classes, so both look the same. */
export const QGIS_STYLE_FILES = ['regions.qml', 'lte-dead-zones.qml'] as const;

/** The field regions.qml classifies (a column of regions.geojson, .fgb and the GeoPackage layer). */
export const REGIONS_STYLE_FIELD = 'share_5g';

// QGIS takes the first range with lower ≤ value ≤ upper: each upper a hair below the next break, so
// a region at exactly 0.9 falls in "≥ 90 %", as in the report.
const BELOW = 1e-12;

/** regions.qml: graduated on share_5g with the report's viridis classes; no share, grey. */
export function regionsQml(): string {
  const scale = metricScale('share_5g');
  const labels = scale.classLabels('en');
  const bounds = [0, ...scale.breaks, 1];
  const ranges = scale.colors.map(
    (_, k) =>
      `      <range lower="${bounds[k]}" upper="${k === scale.colors.length - 1 ? bounds[k + 1] : bounds[k + 1] - BELOW}" symbol="${k}" label="${escapeXml(labels[k])}" render="true"/>`,
  );
  const symbols = scale.colors.map((color, k) => fillSymbol(String(k), color, '255,255,255,255', '0.26'));
  return qgisDocument(
    `  <renderer-v2 type="graduatedSymbol" attr="${REGIONS_STYLE_FIELD}" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
    <ranges>
${ranges.join('\n')}
    </ranges>
    <symbols>
${symbols.join('\n')}
    </symbols>
    <mode name="manual"/>
  </renderer-v2>`,
  );
}

/** lte-dead-zones.qml: black with a white edge, as on the report's map. */
export function deadZonesQml(): string {
  return qgisDocument(
    `  <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
${fillSymbol('0', DEAD_ZONE_COLORS.fill, qgisColor(DEAD_ZONE_COLORS.edge), '0.2')}
    </symbols>
  </renderer-v2>`,
  );
}

function fillSymbol(name: string, color: string, outline: string, width: string): string {
  return `      <symbol type="fill" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" pass="0" locked="0">
          <Option type="Map">
            <Option name="color" type="QString" value="${qgisColor(color)}"/>
            <Option name="outline_color" type="QString" value="${outline}"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="${width}"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="style" type="QString" value="solid"/>
          </Option>
        </layer>
      </symbol>`;
}

function qgisDocument(renderer: string): string {
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0" styleCategories="Symbology">
${renderer}
</qgis>
`;
}
