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
  /** Each key's place in the shape. */
  readonly allowed: Map<string, number>;
  // The list as three arrays, read by index (strict runs once per object of a model: tens of thousands).
  readonly keys: string[];
  readonly checks: Check[];
  readonly optional: boolean[];
  constructor(list: readonly (readonly [string, Check, boolean])[]) {
    this.allowed = new Map(list.map(([k], i) => [k, i]));
    this.keys = list.map(([k]) => k);
    this.checks = list.map(([, c]) => c);
    this.optional = list.map(([, , o]) => o);
  }
}

/**
 * zod's strictObject: any key outside the shape refuses it (`in` walks the prototype, as zod's
 * `for ... in` does); the output has the shape's order, an absent optional key stays absent.
 *
 * Where that output would equal the input (its keys already in the shape's order, every value its own
 * output), the input itself is the output, as in record and list: the same data without a copy of
 * every object of a model (nothing downstream changes the data it is given).
 */
export function strict(x: any, fields: Fields): any {
  if (!plain(x)) return NO;
  let inOrder = true;
  let last = -1;
  for (const k in x) {
    const at = fields.allowed.get(k);
    if (at === undefined) return NO;
    if (at < last) inOrder = false;
    last = at;
  }
  const { keys, checks, optional } = fields;
  let y: any = inOrder ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k in x) {
      const v = x[k];
      const e = checks[i]!(v);
      if (e === NO) return NO;
      if (e !== v && y === undefined) {
        // The first value that differs: a copy from here on, with the keys before it as they were.
        y = {};
        for (let j = 0; j < i; j++) if (keys[j]! in x) y[keys[j]!] = x[keys[j]!];
      }
      if (y !== undefined) y[k] = e;
    } else if (!optional[i]) return NO;
  }
  return y ?? x;
}

/** zod's record of text keys; keys Object.prototype carries (__proto__, constructor) are left to zod. */
export function record(x: any, key: Check, value: Check): any {
  if (!plain(x) || Object.getOwnPropertySymbols(x).length > 0) return NO;
  let y: any;
  for (const k in x) {
    if (!hasOwn.call(x, k) || k in Object.prototype) return NO;
    if (key(k) === NO) return NO;
    const v = x[k];
    const e = value(v);
    if (e === NO) return NO;
    if (e !== v && y === undefined) {
      // The first value that differs: a copy from here on, with the keys before it as they were.
      y = {};
      for (const j in x) {
        if (j === k) break;
        y[j] = x[j];
      }
    }
    if (y !== undefined) y[k] = e;
  }
  return y ?? x;
}

/** zod's array: the checked elements (the input itself when each element is its own output). */
export function list(x: any, element: Check): any {
  if (!Array.isArray(x)) return NO;
  let y: any[] | undefined;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const e = element(v);
    if (e === NO) return NO;
    if (e !== v && y === undefined) y = x.slice(0, i);
    if (y !== undefined) y[i] = e;
  }
  return y ?? x;
}
