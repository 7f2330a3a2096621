// The checks of the model language that zod cannot say by itself (`.refine`), as named functions: the
// zod schema (model.ts, fixture.ts) and the generated fast validator (accept.generated.ts, which never
// loads zod) call the same ones. scripts/gen-accept.mjs refuses a refine that is not one of these.
import { parsePercent } from "./share.js";

// Names that JavaScript objects already carry: refused, so no id can reach into an object's prototype.
const RESERVED = new Set(["constructor", "prototype", "hasownproperty", "tostring", "valueof", "isprototypeof", "propertyisenumerable", "tolocalestring"]);
/** Text meant as a percentage (digits and a % sign), as opposed to an expression that contains one. */
const LOOKS_PERCENT = /^\s*[-+]?[\d.,e]*\s*%+\s*$/i;

export const refinements = {
  /** An id that is not a name JavaScript objects carry. */
  notReserved: (s: string) => !RESERVED.has(s),
  /** "50%", "12,5%". */
  isPercent: (s: string) => parsePercent(s) !== undefined,
  /** A percentage (or text that is not one) between 0 and 100%. */
  percentIsShare: (s: string) => {
    const v = parsePercent(s);
    return v === undefined || (v >= 0 && v <= 1);
  },
  /** Text that looks like a percentage is one ("50%%" is not); any other text is an expression. */
  expressionOrPercent: (s: string) => !LOOKS_PERCENT.test(s) || parsePercent(s) !== undefined,
  /** Text that looks like a percentage is a share (0..100%). */
  expressionOrShare: (s: string) => {
    const v = LOOKS_PERCENT.test(s) ? parsePercent(s) : undefined;
    return v === undefined || (v >= 0 && v <= 1);
  },
  /** A yearly rate as a percentage between -100% and 100%. */
  rateInRange: (s: string) => Math.abs(parsePercent(s) ?? 0) <= 1,

  // Fixtures (published figures).
  toleranceHasReason: (f: { tolerance?: unknown; reason?: unknown }) => f.tolerance === undefined || f.reason !== undefined,
  notReproducibleHasReason: (f: { status?: unknown; reason?: unknown }) => f.status !== "not_reproducible" || f.reason !== undefined,
  figureOrNotReproducible: (f: { figure?: unknown; status?: unknown }) => f.figure !== undefined || f.status === "not_reproducible",
};
