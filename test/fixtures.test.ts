// Every published figure in fixtures/ against the engine's result for its model.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { runFile, modelFigures } from "../src/api.js";
import { checkFigures } from "../src/check/check.js";
import { fixtureFiles, loadFixture } from "../src/load/fixture.js";
import { formatProblem } from "../src/load/problems.js";

const files = fixtureFiles(join(import.meta.dirname, "..", "fixtures"));

describe("published figures", () => {
  it("has fixtures", () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    const loaded = loadFixture(file);
    describe(file.split("/").pop()!, () => {
      it("is a valid fixture", () => expect(loaded.problems.map(formatProblem)).toEqual([]));
      if (!loaded.fixture) return;
      const run = runFile(loaded.modelPath!);
      it("model runs", () => expect(run.problems.map(formatProblem)).toEqual([]));
      if (!run.result) return;
      const report = checkFigures(loaded.fixture, modelFigures(run.result), run.result.model.locale);
      for (const row of report.rows) {
        const name = `${row.figure ?? "(no computed figure)"} = ${row.published} (${row.where})`;
        if (row.status === "not_reproducible" || row.status === "unexpectedly_reproduces") {
          it(`${name} is recorded as not reproducible`, () => {
            expect(row.reason).toBeTruthy();
            expect(row.status).toBe("not_reproducible");
          });
        } else {
          it(name, () => {
            expect(row.status, `computed ${row.computed}, ${row.rule}`).toBe("ok");
          });
        }
      }
    });
  }
});
