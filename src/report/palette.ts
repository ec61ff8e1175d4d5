/** The viridis classes shared by the report, the static map and the QGIS styles (colour-blind safe). */
export const VIRIDIS_5 = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;

/** The report's text and background: checked against WCAG AA (4.5:1) in the tests. */
export const PAGE_COLORS = { text: '#1a1a1a', muted: '#4d4d4d', background: '#ffffff', outline: '#333333' };

/** LTE dead zones on top of every class: a black fill with a white edge stands apart from all five. */
export const DEAD_ZONE_COLORS = { fill: '#000000', edge: '#ffffff' };

/** The class of `value` under ascending `breaks`: k when breaks[k-1] ≤ value < breaks[k]. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let k = 0;
  while (k < breaks.length && value >= breaks[k]) k++;
  return k;
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const channel = (k: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background` (labels on class swatches). */
export function textOn(background: string): string {
  return contrast('#000000', background) >= contrast('#ffffff', background) ? '#000000' : '#ffffff';
}

/** `#rrggbb` as QGIS writes colours: `r,g,b,255`. */
export function qgisColor(hex: string): string {
  const c = (k: number) => Number.parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
  return `${c(0)},${c(1)},${c(2)},255`;
}
