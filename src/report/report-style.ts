import { PAGE_COLORS } from './palette.js';

/** The report's stylesheet, inlined; A4 landscape in print, the controls left out. */
export const REPORT_CSS = `
:root { color: ${PAGE_COLORS.text}; background: ${PAGE_COLORS.background}; font: 15px/1.45 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #ccc; }
.badge { display: inline-block; background: #b00020; color: #fff; font-weight: bold; padding: .1rem .5rem; border-radius: 3px; }
.muted { color: ${PAGE_COLORS.muted}; }
.map-layout { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; }
#map-frame { position: relative; flex: 1 1 640px; min-width: 320px; }
#map-frame svg.map { width: 100%; height: auto; max-height: 85vh; display: block; }
path.region { cursor: pointer; }
path.region:focus, path.region.active { outline: none; stroke: #000; stroke-width: 2.5; }
.side { flex: 0 1 300px; }
.legend ul { list-style: none; padding: 0; margin: .25rem 0; }
.legend li { display: flex; align-items: center; gap: .5rem; margin: .15rem 0; }
.swatch { display: inline-block; width: 1.4rem; height: 1rem; border: 1px solid ${PAGE_COLORS.outline}; }
.swatch.new { background: repeating-linear-gradient(45deg, #000 0 2px, #fff 2px 4px); }
.goal-break { font-weight: bold; }
#tooltip { position: absolute; background: #fff; border: 1px solid ${PAGE_COLORS.outline}; padding: .4rem .6rem; box-shadow: 0 2px 6px rgba(0,0,0,.25); pointer-events: none; font-size: .9rem; min-width: 14rem; }
#tooltip dl { display: grid; grid-template-columns: auto auto; gap: 0 .8rem; margin: .25rem 0 0; }
#tooltip dd { margin: 0; text-align: right; }
select, input[type=search] { font: inherit; padding: .2rem .4rem; }
select:focus, input:focus, button:focus { outline: 3px solid #21918c; outline-offset: 1px; }
.goals { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1rem; }
figure.goal { margin: 0; border: 1px solid #ddd; padding: .5rem; }
figure.goal figcaption { font-weight: 600; }
svg.goal-chart { width: 100%; height: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid #e3e3e3; }
th { text-align: left; background: #f2f2f2; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort=ascending] button::after { content: ' ▲'; }
th[aria-sort=descending] button::after { content: ' ▼'; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 2rem; font-size: .85rem; color: ${PAGE_COLORS.muted}; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  :root { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  .controls, #tooltip, #region-filter { display: none !important; }
  section { break-inside: avoid-page; }
  #tables { break-before: page; }
  tr { break-inside: avoid; }
  .goals { grid-template-columns: repeat(3, 1fr); }
  #map-frame svg.map { max-height: 165mm; }
}
`;
