// The JSON Schema of model and library files, generated from the zod schema (never written by hand),
// so that an editor with yaml-language-server completes and validates a model as it is typed.
// `sroi schema` prints it; schema/*.schema.json hold the copies model files point at.
import { z } from "zod";
import { schemas } from "./model.js";

export type SchemaKind = "model" | "library";

const TITLES: Record<SchemaKind, string> = {
  model: "sroi model file (language version 1)",
  library: "sroi library file (reference values, prices, index series)",
};

export function jsonSchema(kind: SchemaKind): Record<string, unknown> {
  // "input": the file as written (defaults not yet applied), which is what an editor sees.
  const generated = z.toJSONSchema(kind === "model" ? schemas().Model : schemas().Library, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...generated, $id: `https://sroi.invalid/schema/${kind}.schema.json`, title: TITLES[kind] };
}

export function jsonSchemaText(kind: SchemaKind): string {
  return JSON.stringify(jsonSchema(kind), null, 2) + "\n";
}
