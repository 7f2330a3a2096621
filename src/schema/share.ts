// The one reader of shares and percentages, used by the schema (to accept or refuse), the
// normaliser (to read) and the checks (tolerances): "50%", "12,5%", "2.5%" or a plain number.
// Never a silent wrong number: "50%%", "1e5%", "abc%" are not percentages, and a share is 0..100%.

const PERCENT = /^\s*(-?)(\d+)(?:[.,](\d+))?\s*%\s*$/;

/** A percentage's value as a fraction ("12,5%" -> 0.125), or undefined when the text is not one. */
export function parsePercent(text: string): number | undefined {
  const m = PERCENT.exec(text);
  if (!m) return undefined;
  // Build from the decimal digits so that "1.1%" is exactly 0.011.
  return Number(`${m[1]}${m[2]}.${m[3] ?? "0"}e-2`);
}

/** A share or rate as the model wrote it: a number as is, a percentage as a fraction. */
export function readShare(v: number | string): number {
  if (typeof v === "number") return v;
  const p = parsePercent(v);
  if (p === undefined) throw new RangeError(`not a percentage: ${JSON.stringify(v)}`); // the schema refuses these first
  return p;
}
