// The hostile files of issue 9 whose fixes are in loading, paths, batches, diff, check and --save.
import { describe, it } from "vitest";
import { CASES } from "./hostile_cases.js";
import { runCase } from "./run_case.js";

describe("hostile files", () => {
  for (const c of CASES.filter((c) => !c.needsCore)) it(c.name, () => runCase(c));
});
