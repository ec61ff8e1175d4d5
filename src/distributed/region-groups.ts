/**
 * The regions analysed (file order) cut into runs of `size` consecutive regions (default: as many
 * runs as `jobs`), the last one shorter: a job's regions are contiguous, so the jobs' results
 * concatenate in file order.
 */
export function regionGroups(
  analysed: readonly number[],
  size: number | undefined,
  jobs: number,
): number[][] {
  if (analysed.length === 0) return [[]];
  const per = size ?? Math.max(1, Math.ceil(analysed.length / Math.max(1, jobs)));
  const groups: number[][] = [];
  for (let start = 0; start < analysed.length; start += per) groups.push(analysed.slice(start, start + per));
  return groups;
}
