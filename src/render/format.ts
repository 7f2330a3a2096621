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

export function formatter(locale: Locale = "nl"): Formatter {
  const tag = locale === "nl" ? "nl-NL" : "en-GB";
  // Building an Intl.NumberFormat costs far more than using one: one per precision, made on first use.
  const formats = new Map<number, Intl.NumberFormat>();
  const num = (v: number, min: number, max: number) => {
    const key = min * 100 + max;
    let f = formats.get(key);
    if (!f) {
      f = new Intl.NumberFormat(tag, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
      formats.set(key, f);
    }
    return f.format(Object.is(v, -0) ? 0 : v);
  };
  const dash = "–";
  return {
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
}
