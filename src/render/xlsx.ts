// `sroi run FILE -f xlsx -o FILE.xlsx`: an impact-map workbook a spreadsheet user can audit: inputs,
// activities (participants), reference values, valuation and results, one sheet each. Totals, net
// values, differences and ratios are spreadsheet formulas over the cells beside them (with the computed
// value cached), so an auditor can follow and change them. exceljs is imported only here, only when used.
import type { ModelResult } from "../engine/result.js";
import type { Locale } from "./format.js";
import { modelLocale, words } from "./i18n.js";

type Cell = string | number | null | { formula: string; result: number | null };

export async function renderWorkbook(result: ModelResult, opts: { locale?: Locale }): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const locale = modelLocale(result, opts.locale);
  const w = words(locale, result.model.method);
  const wb = new ExcelJS.Workbook();
  wb.creator = "sroi";
  wb.title = result.model.title;
  const money = '#,##0;[Red]-#,##0';
  const col = (n: number) => String.fromCharCode(64 + n); // sheets stay under 26 columns

  const sheet = (name: string, head: string[], rows: Cell[][], formats: Record<number, string> = {}) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(head).font = { bold: true };
    for (const r of rows) ws.addRow(r.map((c) => (c === null ? undefined : c)));
    ws.columns.forEach((c, i) => {
      c.width = i === 0 || i === 1 ? 30 : 14;
      if (formats[i + 1]) c.numFmt = formats[i + 1]!;
    });
    ws.views = [{ state: "frozen", ySplit: 1 }];
    return ws;
  };

  // Inputs: one row per scenario and input, the years, then the total as =SUM over the years.
  // Scenarios may have their own years (their own time): one column per year any scenario has.
  const years = [...new Set(result.scenarios.flatMap((s) => s.years))].sort((x, y) => x - y);
  const inputRows: Cell[][] = [];
  for (const s of result.scenarios) {
    for (const r of s.inputs) {
      const row = inputRows.length + 2;
      const first = col(3);
      const last = col(2 + years.length);
      const cells = years.map((y) => {
        const i = s.years.indexOf(y);
        return i < 0 ? null : r.per_year[i]!;
      });
      inputRows.push([s.id, r.name, ...cells, { formula: `SUM(${first}${row}:${last}${row})`, result: r.nominal }, r.counted]);
    }
  }
  const yf = Object.fromEntries(years.map((_, i) => [i + 3, money]));
  sheet(w.inputsTitle, [w.scenario, w.input, ...years.map(String), w.total, w.counted], inputRows, { ...yf, [years.length + 3]: money, [years.length + 4]: money });

  const activityRows: Cell[][] = [];
  for (const s of result.scenarios) {
    for (const g of s.participants?.groups ?? []) {
      const row = activityRows.length + 2;
      activityRows.push([s.id, g.name, g.counterfactual, g.scenario, { formula: `D${row}-C${row}`, result: g.difference }]);
    }
  }
  sheet(w.activities, [w.scenario, w.group, w.counterfactual, w.scenario, w.difference], activityRows);

  const domains = [...new Set(result.references.flatMap((r) => Object.keys(r.values)))];
  sheet(
    w.references,
    [w.study, w.certainty, ...domains, w.sourceCol],
    result.references.map((r) => [r.name, r.certainty, ...domains.map((d) => r.values[d] ?? null), r.source]),
  );

  const valuationRows: Cell[][] = [];
  for (const s of result.scenarios) {
    for (const v of s.valuation) {
      const row = valuationRows.length + 2;
      valuationRows.push([
        s.id,
        v.name,
        v.weighted,
        v.used,
        v.impact_claim,
        v.used === null ? v.net : { formula: `D${row}*E${row}`, result: v.net },
        v.quantity,
      ]);
    }
  }
  sheet(w.valuationTitle.slice(0, 31), [w.scenario, w.outcome, w.weighted, w.usedValue, w.impactClaim, w.netValueUnit, w.quantity], valuationRows, { 5: "0%" });

  const resultRows: Cell[][] = [];
  for (const s of result.scenarios) {
    for (const st of [...s.stakeholders.map((x) => ({ name: x.name, inputs: x.inputs, benefits: x.benefits, net: x.net, ratio: x.ratio })), { name: w.total, inputs: s.totals.inputs, benefits: s.totals.benefits, net: s.totals.net, ratio: s.ratio }]) {
      const row = resultRows.length + 2;
      resultRows.push([
        s.id,
        st.name,
        st.inputs,
        st.benefits,
        { formula: `D${row}-C${row}`, result: st.net },
        { formula: `IF(C${row}=0,"",D${row}/C${row})`, result: st.ratio },
      ]);
    }
  }
  sheet(w.summary, [w.scenario, w.stakeholder, w.inputs, w.benefitsPv, w.netColumnLabel, w.ratioLabel], resultRows, { 3: money, 4: money, 5: money, 6: "0.00" });

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
