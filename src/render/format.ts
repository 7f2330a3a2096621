// Number formatting for reports. Dutch notation by default (the reports' own: "€ 220.766", "6,2"),
// English on request; the JSON output never formats.
export type Locale = "nl" | "en";

export interface Formatter {
  locale: Locale;
  money(v: number | null | undefined, currency?: string): string;
  count(v: number | null | undefined): string;
  number(v: number | null | undefined, digits?: number): string;
  ratio(v: number | null | undefined, digits?: number): string;
  share(v: number | null | undefined, digits?: number, minDigits?: number): string;
}

/**
 * A number as Intl.NumberFormat writes it for nl-NL ("1.234,5") and en-GB ("1,234.5") with grouping and
 * these fraction digits, without Intl: ICU rounds the shortest decimal that reads back as the number
 * (String(v)) half away from zero, and so does this. Undefined for what it leaves to Intl (not finite,
 * exponent notation). test/render/format.test.ts compares the two on many numbers. Intl costs a
 * millisecond or more to build per digit range and a microsecond per number; a report prints thousands.
 */
export function plainNumber(v: number, min: number, max: number, group: string, decimal: string): string | undefined {
  if (!Number.isFinite(v)) return undefined;
  const neg = v < 0;
  const s = String(neg ? -v : v);
  if (s.includes("e")) return undefined;
  const dot = s.indexOf(".");
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? "" : s.slice(dot + 1);
  if (frac.length > max) {
    const up = frac.charCodeAt(max) >= 53; // the first dropped digit is 5 or more
    frac = frac.slice(0, max);
    if (up) {
      // One unit more in the last kept place, carried into the whole part.
      const digits = int + frac;
      let i = digits.length - 1;
      let tail = "";
      for (; i >= 0 && digits.charCodeAt(i) === 57; i--) tail += "0";
      const bumped = i < 0 ? "1" + tail : digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + tail;
      int = bumped.slice(0, bumped.length - frac.length);
      frac = bumped.slice(bumped.length - frac.length);
    }
  }
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  while (frac.length < min) frac += "0";
  let grouped = int;
  if (int.length > 3) {
    let i = int.length % 3 || 3;
    grouped = int.slice(0, i);
    for (; i < int.length; i += 3) grouped += group + int.slice(i, i + 3);
  }
  return (neg ? "-" : "") + grouped + (frac ? decimal + frac : "");
}

// Intl.NumberFormat is slow to build: one per locale and digit range, made once and reused.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(tag: string, min: number, max: number): Intl.NumberFormat {
  const key = `${tag}/${min}/${max}`;
  let nf = numberFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(tag, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    numberFormats.set(key, nf);
  }
  return nf;
}

/** v as Intl.NumberFormat(tag) writes it, grouped, with min to max fraction digits: without Intl where plainNumber can. */
export function writeNumber(tag: "nl-NL" | "en-GB" | "en-US", v: number, min: number, max: number): string {
  const [group, decimal] = tag === "nl-NL" ? [".", ","] : [",", "."];
  return plainNumber(v, min, max, group, decimal) ?? numberFormat(tag, min, max).format(v);
}

const formatters = new Map<Locale, Formatter>();

export function formatter(locale: Locale = "nl"): Formatter {
  const made = formatters.get(locale);
  if (made) return made;
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  const num = (v: number, min: number, max: number) => writeNumber(tag, Object.is(v, -0) ? 0 : v, min, max);
  const dash = "–";
  const f: Formatter = {
    locale,
    money: (v, currency = "EUR") => {
      if (v === null || v === undefined) return dash;
      const sign = currency === "EUR" ? "€" : currency;
      const r = Math.round(v);
      return r < 0 ? `-${sign} ${num(-r, 0, 0)}` : `${sign} ${num(r, 0, 0)}`;
    },
    count: (v) => (v === null || v === undefined ? dash : num(v, 0, Number.isInteger(v) ? 0 : 1)),
    number: (v, digits = 2) => (v === null || v === undefined ? dash : num(v, 0, digits)),
    ratio: (v, digits = 2) => (v === null || v === undefined ? dash : num(v, digits, digits)),
    share: (v, digits = 1, minDigits = 0) => (v === null || v === undefined ? dash : `${num(v * 100, minDigits, digits)}%`),
  };
  formatters.set(locale, f);
  return f;
}

/** "Name (stakeholder, ...)", or the bare name for an outcome that belongs to no stakeholder. */
export function withStakeholders(name: string, stakeholders: string[]): string {
  return stakeholders.length > 0 ? `${name} (${stakeholders.join(", ")})` : name;
}
