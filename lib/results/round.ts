/**
 * Half-up rounding that is not fooled by binary floating point: 72.75 → 72.8 and
 * 89.95 → 90.0, although neither is stored exactly. A tiny relative nudge settles values
 * that sit a rounding error below the halfway mark.
 */
export function roundHalfUp(value: number, decimals = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** decimals;
  const scaled = Math.abs(value) * f;
  const nudged = scaled + scaled * 1e-12 + 1e-9;
  return (Math.sign(value) * Math.floor(nudged + 0.5)) / f;
}

/** "72.8%", or an em dash when there is nothing to show (never "0" or "NaN"). */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${roundHalfUp(value, decimals).toFixed(decimals)}%`;
}

/** The number as shown, without the unit ("72.8"). */
export function formatShown(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return roundHalfUp(value, decimals).toFixed(decimals);
}
