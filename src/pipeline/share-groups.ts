/**
 * `order` (regions, in the order they lie together) cut into `count` runs of about equal work, each
 * listed in file order. A region's work: its household points, plus a quarter of the mean per region
 * (its tile unions and clip cost something even where few live). Every run holds at least one region.
 */
export function shareGroups(
  order: readonly number[],
  pointsIn: ArrayLike<number>,
  count: number,
): number[][] {
  const n = order.length;
  if (n === 0) return [[]];
  const runs = Number.isFinite(count) ? Math.max(1, Math.min(Math.floor(count), n)) : 1;
  let total = 0;
  for (const r of order) {
    if (!(r >= 0 && r < pointsIn.length))
      throw new Error(`region ${r} is not among the ${pointsIn.length} read`);
    total += pointsIn[r];
  }
  // With no households at all, every region weighs the same.
  const floor = total > 0 ? total / n / 4 : 1;
  const weight = (r: number) => pointsIn[r] + floor;
  const all = total + floor * n;
  const groups: number[][] = [];
  let start = 0;
  let done = 0;
  for (let g = 0; g < runs; g++) {
    const left = runs - g - 1;
    // Up to this run's share of the work, leaving a region for each run still to come.
    const target = (all * (g + 1)) / runs;
    let end = start + 1;
    done += weight(order[start]);
    while (end < n - left && done + weight(order[end]) / 2 <= target) done += weight(order[end++]);
    if (g === runs - 1) end = n;
    groups.push(order.slice(start, end).sort((a, b) => a - b));
    start = end;
  }
  return groups;
}
