// The hostile files of issue 9 whose fixes are in the model language (shares, value domains, NaN,
// __proto__ keys). Excluded in vitest.config.ts until the core branch is merged.
import { describe, it } from "vitest";
import { CASES } from "./hostile_cases.js";
import { runCase } from "./run_case.js";

describe("hostile files (model language)", () => {
  for (const c of CASES.filter((c) => c.needsCore)) it(c.name, () => runCase(c));
});
