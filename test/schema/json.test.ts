// The JSON Schema that editors use: generated from the zod schema, pinned by the files in schema/,
// and every model and library file in models/ validates against it as an editor would validate it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { jsonSchema, jsonSchemaText } from "../../src/schema/json.js";

const root = join(import.meta.dirname, "..", "..");

function yamlFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : [],
  );
}

const files = yamlFiles("models");
const isLibrary = (f: string) => f.includes("/library/");

describe("sroi schema", () => {
  it.each(["model", "library"] as const)("the %s schema is the one in schema/ (regenerate with sroi schema)", (kind) => {
    expect(readFileSync(join(root, "schema", `${kind}.schema.json`), "utf8")).toBe(jsonSchemaText(kind));
  });

  it("every model and library file names its schema on the first line", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const first = readFileSync(join(root, f), "utf8").split("\n", 1)[0]!;
      const depth = f.split("/").length - 1;
      const schema = isLibrary(f) ? "library" : "model";
      expect(first, f).toBe(`# yaml-language-server: $schema=${"../".repeat(depth)}schema/${schema}.schema.json`);
    }
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validators = { model: ajv.compile(jsonSchema("model")), library: ajv.compile(jsonSchema("library")) };

  it.each(files)("%s validates against the schema, as in an editor", (f) => {
    const validate = validators[isLibrary(f) ? "library" : "model"];
    const ok = validate(parse(readFileSync(join(root, f), "utf8")));
    expect(validate.errors ?? [], f).toEqual([]);
    expect(ok).toBe(true);
  });

  it("an editor flags an unknown field and a wrong type", () => {
    const validate = validators.model;
    const model = parse(readFileSync(join(root, "models/examples/social_enterprise.yaml"), "utf8"));
    expect(validate({ ...model, stakeholder: [] })).toBe(false);
    expect(validate({ ...model, time: { year: "2022" } })).toBe(false);
  });
});

describe("README field reference and rules", () => {
  it("the README's generated sections are current (see updateReadme to regenerate)", async () => {
    const { updateReadme } = await import("../../src/schema/reference.js");
    const { RULES } = await import("../../src/load/normalize/rules.js");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain("<!-- fields:model -->\n| field |");
    expect(updateReadme(readme, RULES)).toBe(readme);
  });
});
