// What the generated validator (accept.generated.ts, written by scripts/gen-accept.mjs) calls: zod's
// object, record and array rules, on plain data, for data zod would accept; anything unusual is refused
// (NO), and zod then decides.
export const NO = Symbol("not accepted");
const hasOwn = Object.prototype.hasOwnProperty;

export type Check = (x: any) => any;

/** An object as a YAML parser makes it; anything else goes to zod. */
export function plain(x: any): boolean {
  return typeof x === "object" && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype;
}

/** A strict object's keys in the shape's order, each with its check and whether it may be absent. */
export class Fields {
  readonly allowed: Set<string>;
  // The list as three arrays, read by index (strict runs once per object of a model: tens of thousands).
  readonly keys: string[];
  readonly checks: Check[];
  readonly optional: boolean[];
  constructor(readonly list: readonly (readonly [string, Check, boolean])[]) {
    this.allowed = new Set(list.map(([k]) => k));
    this.keys = list.map(([k]) => k);
    this.checks = list.map(([, c]) => c);
    this.optional = list.map(([, , o]) => o);
  }
}

/**
 * zod's strictObject: any key outside the shape refuses it (`in` walks the prototype, as zod's
 * `for ... in` does); the output has the shape's order, an absent optional key stays absent.
 */
export function strict(x: any, fields: Fields): any {
  if (!plain(x)) return NO;
  for (const k in x) if (!fields.allowed.has(k)) return NO;
  const y: any = {};
  const { keys, checks, optional } = fields;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k in x) {
      const e = checks[i]!(x[k]);
      if (e === NO) return NO;
      y[k] = e;
    } else if (!optional[i]) return NO;
  }
  return y;
}

/** zod's record of text keys; keys Object.prototype carries (__proto__, constructor) are left to zod. */
export function record(x: any, key: Check, value: Check): any {
  if (!plain(x) || Object.getOwnPropertySymbols(x).length > 0) return NO;
  const y: any = {};
  for (const k in x) {
    if (!hasOwn.call(x, k) || k in Object.prototype) return NO;
    if (key(k) === NO) return NO;
    const e = value(x[k]);
    if (e === NO) return NO;
    y[k] = e;
  }
  return y;
}

/** zod's array: a new list of the checked elements. */
export function list(x: any, element: Check): any {
  if (!Array.isArray(x)) return NO;
  const y = new Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const e = element(x[i]);
    if (e === NO) return NO;
    y[i] = e;
  }
  return y;
}
