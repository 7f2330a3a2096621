// sroi init NAME : a commented starter model that runs as is, written only where no file exists yet.
import { closeSync, existsSync, openSync, writeSync } from "node:fs";
import { basename, extname } from "node:path";
import { UsageError } from "../exit.js";
import type { Io } from "../io.js";

export function starterModel(title: string): string {
  return `# ${title}: a starter SROI model written by \`sroi init\`. Replace each number with your report's and
# name, in a comment beside it, the table or section it comes from. README "Writing a model" has every key.
sroi: 1
meta:
  title: ${JSON.stringify(title)}
  source:
    report: "Your report's title (publisher, year)"
  method: sroi                # sroi, or mkba for a maatschappelijke kosten-batenanalyse
  currency: EUR
  price_year: 2025            # the price level of the amounts below

time:
  period: 2025-2027           # the years the analysis covers
  discount:
    rate: 3.5%                # discontovoet; the present value of later years counts less
    first_year: year0         # the first year is not discounted

parameters:
  hours_per_week:
    value: 8                  # hours of the social worker per week (your report's input table)
    unit: hours per week
  hourly_rate:
    value: 80                 # cost per hour, incl. btw (your report's input table)
    unit: EUR per hour
  participants:
    value: 40                 # people reached per year (your report's activities table)
  saving_per_participant:
    value: 900                # care costs avoided per participant per year (the study you cite)
    unit: EUR per participant per year

stakeholders:                 # belanghebbenden: who pays, who gains
  - { id: municipality, name: Gemeente }
  - { id: insurer, name: Zorgverzekeraar }
  - { id: residents, name: Inwoners }

inputs:                       # inbreng: what the work costs, per year
  - id: social_work
    name: Inzet sociaal werker
    amount: hours_per_week * 48 * hourly_rate   # 48 working weeks a year
    allocation: { municipality: 100% }

outcomes:                     # opbrengst: what it brings, per year
  - id: care_saved
    name: Minderkosten zorg
    amount: participants * saving_per_participant
    allocation: { insurer: 70%, municipality: 30% }
  - id: wellbeing
    name: Welzijn inwoners
    kind: immaterial
    amount: participants * 250                  # 250 per participant per year: your valuation source
    allocation: { residents: 100% }

scenarios:
  - id: base
    name: Basis
`;
}

export function initCommand(name: string, io: Io): number {
  const file = extname(name) ? name : `${name}.yaml`;
  if (!/\.ya?ml$/i.test(file)) throw new UsageError(`${file}: a model file ends in .yaml`);
  if (existsSync(file)) throw new UsageError(`${file} already exists; sroi init never overwrites a file (choose another name)`);
  const title = basename(file).replace(/\.ya?ml$/i, "").replace(/[_-]+/g, " ");
  // "wx": created only if absent, even when another process makes it between the check and the write.
  const fd = openSync(file, "wx");
  try {
    writeSync(fd, starterModel(title));
  } finally {
    closeSync(fd);
  }
  io.err(`wrote ${file}; run it with: npx sroi run ${file}\n`);
  return 0;
}
