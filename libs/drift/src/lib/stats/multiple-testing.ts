/**
 * Benjamini-Hochberg step-up procedure. Returns the BH-adjusted p-values (q-values) in the input
 * order: q_(i) = min over j >= i of p_(j) * m / j, capped at 1. Rejecting every hypothesis with
 * q <= alpha controls the false discovery rate at alpha for independent (or positively dependent)
 * tests. NaN p-values are ignored (their q is NaN) and do not count in m.
 */
export function adjustPValuesBenjaminiHochberg(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => Number.isFinite(p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const q = pValues.map(() => Number.NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (order[k].p * m) / (k + 1));
    q[order[k].i] = Math.min(1, running);
  }
  return q;
}
