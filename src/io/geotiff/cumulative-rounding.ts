/**
 * Whole households from fractional ones (persons / household size), cell after cell in row-major
 * order: each cell gets round(running exact total) − households given so far. Every cell is within
 * 1 of its exact value and the total is the rounded exact total; rounding each cell on its own
 * would drop every cell under half a household (sparse, rural cells: the white spots) to zero.
 */
export class CumulativeRounding {
  private exact = 0;
  private given = 0;

  next(value: number): number {
    this.exact += value;
    const households = Math.round(this.exact) - this.given;
    this.given += households;
    return households;
  }
}
