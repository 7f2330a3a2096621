// src/schema/accept.generated.ts is what scripts/gen-accept.mjs makes of the zod schemas today: a schema
// change without a build (which regenerates it) cannot leave a stale validator in the sources.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without types
import { generateAccept, OUT } from "../../scripts/gen-accept.mjs";

it("the generated validator is current with the schemas", async () => {
  expect(readFileSync(OUT, "utf8")).toBe(await generateAccept());
}, 30_000);
