import type { Site } from './coverage-sites.js';

/** Bucket side in metres: larger than any site's radius, so a point's sites are in its 3×3 buckets. */
const BUCKET = 6000;
/**
 * A site's three overlapping 130° sectors cover its whole disk, up to the chords of the arc
 * (at most 13° apart: within 0.7 % of the radius); counting only 99 % of it errs towards "not covered".
 */
const INNER = 0.99;

/** Sites as disks in EPSG:3035 metres, bucketed, to ask which sites cover a point. */
export class SiteDisks {
  private readonly buckets = new Map<string, number[]>();

  constructor(readonly sites: readonly Site[]) {
    sites.forEach((site, k) => {
      const key = bucketKey(Math.floor(site.x / BUCKET), Math.floor(site.y / BUCKET));
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(k);
      else this.buckets.set(key, [k]);
    });
  }

  /** The indexes of the sites whose disk (99 % of it) holds the point. */
  covering(x: number, y: number, out: number[] = []): number[] {
    out.length = 0;
    const bx = Math.floor(x / BUCKET);
    const by = Math.floor(y / BUCKET);
    for (let i = bx - 1; i <= bx + 1; i++)
      for (let j = by - 1; j <= by + 1; j++)
        for (const k of this.buckets.get(bucketKey(i, j)) ?? []) if (this.holds(k, x, y)) out.push(k);
    return out;
  }

  /** Whether some site other than `except` covers the point. */
  coveredByOthers(x: number, y: number, except: number): boolean {
    const bx = Math.floor(x / BUCKET);
    const by = Math.floor(y / BUCKET);
    for (let i = bx - 1; i <= bx + 1; i++)
      for (let j = by - 1; j <= by + 1; j++)
        for (const k of this.buckets.get(bucketKey(i, j)) ?? [])
          if (k !== except && this.holds(k, x, y)) return true;
    return false;
  }

  holds(k: number, x: number, y: number): boolean {
    const site = this.sites[k];
    const dx = x - site.x;
    const dy = y - site.y;
    const r = INNER * site.radius;
    return dx * dx + dy * dy < r * r;
  }
}

const bucketKey = (i: number, j: number) => `${i},${j}`;

/** Grid step in metres of the test below. */
const STEP = 100;

/**
 * Whether switching site k off opens a Funkloch of its own: the part of its disk no other site covers
 * is one connected piece of at least `minPoints` grid points, and touches no ground that is already
 * uncovered (so it is a new dead zone, not a grown one). Checked on a 100 m grid.
 */
export function opensOwnDeadZone(disks: SiteDisks, k: number, minPoints: number): boolean {
  const site = disks.sites[k];
  const n = Math.ceil(site.radius / STEP) + 2;
  const size = 2 * n + 1;
  // 0: covered by another site; 1: only k's (would open); 2: covered by none (already a dead zone).
  const state = new Uint8Array(size * size);
  for (let i = 0; i < size; i++)
    for (let j = 0; j < size; j++) {
      const x = site.x + (i - n) * STEP;
      const y = site.y + (j - n) * STEP;
      if (disks.coveredByOthers(x, y, k)) continue;
      state[i * size + j] = disks.holds(k, x, y) ? 1 : 2;
    }
  let opened = 0;
  let first = -1;
  for (let c = 0; c < state.length; c++) {
    if (state[c] !== 1) continue;
    opened++;
    if (first < 0) first = c;
    const i = Math.floor(c / size);
    const j = c % size;
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++) {
        const ni = i + di;
        const nj = j + dj;
        if (ni < 0 || nj < 0 || ni >= size || nj >= size || state[ni * size + nj] === 2) return false;
      }
  }
  return opened >= minPoints && connected(state, size, first) === opened;
}

/** The grid points of state 1 reachable from `start` (8-neighbours). */
function connected(state: Uint8Array, size: number, start: number): number {
  const seen = new Uint8Array(state.length);
  const stack = [start];
  seen[start] = 1;
  let count = 0;
  while (stack.length > 0) {
    const c = stack.pop() as number;
    count++;
    const i = Math.floor(c / size);
    const j = c % size;
    for (let di = -1; di <= 1; di++)
      for (let dj = -1; dj <= 1; dj++) {
        const ni = i + di;
        const nj = j + dj;
        if (ni < 0 || nj < 0 || ni >= size || nj >= size) continue;
        const m = ni * size + nj;
        if (state[m] === 1 && !seen[m]) {
          seen[m] = 1;
          stack.push(m);
        }
      }
  }
  return count;
}
