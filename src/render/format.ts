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

const formatters = new Map<Locale, Formatter>();

export function formatter(locale: Locale = "nl"): Formatter {
  const made = formatters.get(locale);
  if (made) return made;
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  const num = (v: number, min: number, max: number) => numberFormat(tag, min, max).format(Object.is(v, -0) ? 0 : v);
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
