// Whole numbers from fractional shares that add up to a given total (the largest remainder
// method), so a column of rounded times sums to the total printed under it.

/**
 * Each of `values` rounded down or up so that together they make `total`: the ones with the
 * largest fractions go up first (the earlier on a tie). `total` must lie between the sum of
 * the values rounded down and that sum plus their count; it is clamped to that range.
 */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const floors = values.map((v) => Math.floor(v));
  const floorSum = floors.reduce((n, v) => n + v, 0);
  const extra = Math.max(0, Math.min(values.length, Math.round(total) - floorSum));
  const order = values.map((v, i) => ({ i, fraction: v - Math.floor(v) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order.slice(0, extra)) floors[i] = (floors[i] ?? 0) + 1;
  return floors;
}
