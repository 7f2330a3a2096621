// sroi check isolates each model: an unexpected exception while checking one (here: reading its
// fixture) becomes that model's problem, and the others are still checked.
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { REPO, sroi } from "../cli/capture.js";

vi.mock("../../src/load/fixture.js", async (importOriginal) => {
  const fixture = await importOriginal<typeof import("../../src/load/fixture.js")>();
  return {
    ...fixture,
    loadFixture: (file: string, ...rest: [string?, string?]) => {
      if (file.endsWith("numansdorp.yaml")) throw new RangeError("something unforeseen");
      return fixture.loadFixture(file, ...rest);
    },
  };
});

describe("sroi check with an unexpected failure in one model", () => {
  it("reports it as that model's problem, exit 2, and checks the others", async () => {
    const r = await sroi("check", join(REPO, "models", "eijsden.yaml"), join(REPO, "models", "numansdorp.yaml"), "-f", "json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/numansdorp\.yaml:1:1  \(file\)  internal error: something unforeseen \(run with --debug for the stack\)/);
    const out = JSON.parse(r.stdout) as { models: { model: string | null; status: string }[] };
    expect(out.models.map((m) => [m.model, m.status])).toEqual([
      ["eijsden", "ok"],
      ["numansdorp", "invalid"],
    ]);
  });
});
