// Default QGIS styles in the history's `layer_styles` table (the QGIS convention for GeoPackage), so
// its layers open coloured as in the HTML report: viridis classes of shares, dead zones red-free.

import type { Database } from '../io/gpkg/sqlite.js';

/** The share classes and colours the HTML report uses (viridis, colour-blind safe): upper bound exclusive. */
export const SHARE_CLASSES: readonly { lower: number; upper: number; colour: string; label: string }[] = [
  { lower: 0, upper: 0.5, colour: '#440154', label: '< 50 %' },
  { lower: 0.5, upper: 0.7, colour: '#3b528b', label: '50–70 %' },
  { lower: 0.7, upper: 0.8, colour: '#21918c', label: '70–80 %' },
  { lower: 0.8, upper: 0.9, colour: '#5ec962', label: '80–90 %' },
  { lower: 0.9, upper: 1, colour: '#fde725', label: '≥ 90 %' },
];

/** Dead zones: black at 60 % opacity with a white outline, readable over any of the share colours. */
export const DEAD_ZONE_FILL = { colour: '#000000', opacity: 0.6, outline: '#ffffff' };

/** A layer's default style. */
export interface LayerStyle {
  table: string;
  name: string;
  description: string;
  qml: string;
  sld: string;
}

/** The table as QGIS creates it through GDAL (an attribute table), with ours as each layer's default: once, so a style saved from QGIS later stays. */
export function writeLayerStyles(db: Database, now: string, styles: readonly LayerStyle[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS layer_styles ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),
    styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30),
    ui TEXT(30), update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`);
  db.prepare(
    `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
     SELECT 'layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles', ?
     WHERE NOT EXISTS (SELECT 1 FROM gpkg_contents WHERE table_name = 'layer_styles')`,
  ).run(now);
  const insert = db.prepare(
    `INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName,
       styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)
     VALUES ('', '', ?, 'geom', ?, ?, ?, 1, ?, 'funkatlas', NULL, ?)`,
  );
  for (const s of styles) insert.run(s.table, s.name, s.qml, s.sld, s.description, now);
}

/** Text for an XML attribute or element. */
const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `#rrggbb` and an opacity as QGIS writes a colour: `r,g,b,a`. */
function qgisColour(hex: string, opacity = 1): string {
  const [r, g, b] = [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
  return `${r},${g},${b},${Math.round(opacity * 255)}`;
}

/** A SimpleFill symbol layer, with its properties both as QGIS ≥ 3.26 (Option) and earlier 3.x (prop) read them. */
function fillSymbol(
  name: string,
  fill: string,
  opacity: number,
  outline: string,
  width: number,
  style = 'solid',
): string {
  const props: [string, string][] = [
    ['color', qgisColour(fill, opacity)],
    ['joinstyle', 'bevel'],
    ['offset', '0,0'],
    ['offset_unit', 'MM'],
    ['outline_color', qgisColour(outline)],
    ['outline_style', 'solid'],
    ['outline_width', String(width)],
    ['outline_width_unit', 'MM'],
    ['style', style],
  ];
  return `<symbol type="fill" name="${name}" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleFill" enabled="1" locked="0" pass="0">
          <Option type="Map">
${props.map(([k, v]) => `            <Option name="${k}" type="QString" value="${v}"/>`).join('\n')}
          </Option>
${props.map(([k, v]) => `          <prop k="${k}" v="${v}"/>`).join('\n')}
        </layer>
      </symbol>`;
}

function qml(renderer: string): string {
  return `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0-Firenze" styleCategories="Symbology">
  ${renderer}
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
</qgis>
`;
}

function sld(layer: string, rules: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<StyledLayerDescriptor xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" version="1.1.0" xmlns:se="http://www.opengis.net/se">
  <NamedLayer>
    <se:Name>${layer}</se:Name>
    <UserStyle>
      <se:Name>${layer}</se:Name>
      <se:FeatureTypeStyle>
${rules}
      </se:FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
`;
}

function sldPolygon(fill: string, opacity: number, outline: string, width: number, filter = ''): string {
  return `        <se:Rule>
${filter}          <se:PolygonSymbolizer>
            <se:Fill><se:SvgParameter name="fill">${fill}</se:SvgParameter><se:SvgParameter name="fill-opacity">${opacity}</se:SvgParameter></se:Fill>
            <se:Stroke><se:SvgParameter name="stroke">${outline}</se:SvgParameter><se:SvgParameter name="stroke-width">${width}</se:SvgParameter></se:Stroke>
          </se:PolygonSymbolizer>
        </se:Rule>`;
}

/** dead_zones: one symbol, black at 60 % with a white outline. */
export function deadZoneStyle(): LayerStyle {
  const { colour, opacity, outline } = DEAD_ZONE_FILL;
  return {
    table: 'dead_zones',
    name: 'funkatlas',
    description: 'LTE dead zones: black at 60 % opacity, white outline (as in report.html)',
    qml: singleSymbol(fillSymbol('0', colour, opacity, outline, 0.4)),
    sld: sld('dead_zones', sldPolygon(colour, opacity, outline, 1.5)),
  };
}

/** region_geometry: outlines only, the context under the other layers. */
export function outlineStyle(table: string): LayerStyle {
  return {
    table,
    name: 'funkatlas',
    description: 'region outlines, no fill',
    qml: singleSymbol(fillSymbol('0', '#ffffff', 0, '#444444', 0.3, 'no')),
    sld: sld(table, sldPolygon('#ffffff', 0, '#444444', 1)),
  };
}

function singleSymbol(symbol: string): string {
  return qml(`<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
    <symbols>
      ${symbol}
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>`);
}

/** A region layer coloured by `field` (a share, 0–1) in the report's viridis classes. */
export function shareStyle(table: string, field: string): LayerStyle {
  // QGIS puts a value in the first range with lower <= value <= upper: each upper stops just below the next lower.
  const last = SHARE_CLASSES.length - 1;
  const ranges = SHARE_CLASSES.map(
    (c, k) =>
      `<range lower="${c.lower.toFixed(9)}" upper="${(k === last ? c.upper : c.upper - 1e-9).toFixed(9)}" symbol="${k}" label="${xmlText(c.label)}" render="true"/>`,
  );
  const symbols = SHARE_CLASSES.map((c, k) => fillSymbol(String(k), c.colour, 1, '#ffffff', 0.26));
  const filter = (c: (typeof SHARE_CLASSES)[number], k: number) =>
    `          <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>${field}</ogc:PropertyName><ogc:Literal>${c.lower}</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:Property${k === last ? 'IsLessThanOrEqualTo' : 'IsLessThan'}><ogc:PropertyName>${field}</ogc:PropertyName><ogc:Literal>${c.upper}</ogc:Literal></ogc:Property${k === last ? 'IsLessThanOrEqualTo' : 'IsLessThan'}></ogc:And></ogc:Filter>\n`;
  return {
    table,
    name: 'funkatlas',
    description: `regions by ${field}: the viridis classes of report.html`,
    qml: qml(`<renderer-v2 type="graduatedSymbol" attr="${field}" graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">
    <ranges>
      ${ranges.join('\n      ')}
    </ranges>
    <symbols>
      ${symbols.join('\n      ')}
    </symbols>
    <mode name="fixed"/>
    <rotation/>
    <sizescale/>
  </renderer-v2>`),
    sld: sld(
      table,
      SHARE_CLASSES.map((c, k) => sldPolygon(c.colour, 1, '#ffffff', 0.5, filter(c, k))).join('\n'),
    ),
  };
}
