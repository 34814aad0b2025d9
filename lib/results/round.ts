/**
 * Half-up rounding (away from zero) that is not fooled by binary floating point: 72.75 →
 * 72.8, 89.95 → 90.0, 1.005 → 1.01, although none of them is stored exactly.
 * The value is first read as 15 significant digits (the precision a double always holds),
 * which drops the noise of arithmetic such as (10·0.75 + 30·0.72) / 40 × 100 = 72.7499…;
 * the decimal point is then moved in that string's exponent, so a halfway case stays exact.
 */
export function roundHalfUp(value: number, decimals = 1): number {
  if (value === 0) return 0;
  // Past 15 digits there is no fractional part left to round.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  const [mantissa, exponent = "0"] = Math.abs(value).toPrecision(15).split("e");
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  const rounded = Math.floor(shifted + 0.5);
  if (rounded === 0) return 0;
  // Division by an exact power of ten is correctly rounded: 728 / 10 is the double nearest 72.8.
  const unsigned = decimals >= 0 ? rounded / 10 ** decimals : rounded * 10 ** -decimals;
  return Math.sign(value) * unsigned;
}

/** "72.8%", or an em dash when there is nothing to show (never "0%" or "NaN%"). */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  const shown = formatShown(value, decimals);
  return shown === "—" ? shown : `${shown}%`;
}

/** The number as shown, without the unit ("72.8"), or an em dash. */
export function formatShown(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return roundHalfUp(value, decimals).toFixed(decimals);
}

export const ROUNDING_METHODS = ["half-up", "half-even", "up", "down"] as const;
/** half-up: .5 away from zero; half-even: to the nearest, a tie to the even digit; up/down: toward +∞ / −∞. */
export type RoundingMethod = (typeof ROUNDING_METHODS)[number];
export const ROUNDING_LABELS: Record<RoundingMethod, string> = {
  "half-up": "Half up (8.335 → 8.34)",
  "half-even": "Half to even (8.345 → 8.34)",
  up: "Up (8.331 → 8.34)",
  down: "Down (8.339 → 8.33)",
};

/**
 * Rounds to `places` decimals by the named method, on the value read as 15 significant digits
 * (as roundHalfUp does), so 14.5 is a tie and 0.1 + 0.2 is 0.3 before anything is rounded.
 */
export function roundTo(value: number, places: number, method: RoundingMethod = "half-up"): number {
  if (method === "half-up") return roundHalfUp(value, places);
  if (value === 0 || !Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  const [mantissa, exponent = "0"] = value.toPrecision(15).split("e");
  const shifted = Number(`${mantissa}e${Number(exponent) + places}`);
  let whole: number;
  if (method === "up") whole = Math.ceil(shifted);
  else if (method === "down") whole = Math.floor(shifted);
  else {
    const floor = Math.floor(shifted);
    const diff = shifted - floor;
    whole = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  }
  if (whole === 0) return 0;
  return places >= 0 ? whole / 10 ** places : whole * 10 ** -places;
}
