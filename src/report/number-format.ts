import type { Lang } from './labels.js';

const SEPARATORS: Record<Lang, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  de: { group: '.', decimal: ',' },
};

/** `8164751` → `8,164,751` (en) or `8.164.751` (de); written out so the page does not depend on the machine's ICU. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const { group, decimal } = SEPARATORS[lang];
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : decimal + fraction}`;
}

/** A share as per cent: `0.787` → `78.7 %` (en) or `78,7 %` (de), a no-break space before %. */
export function formatPercent(share: number | null | undefined, lang: Lang, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  return `${formatNumber(share * 100, lang, digits)}\u00a0%`;
}
