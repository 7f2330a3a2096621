// sroi schema [model|library]: the JSON Schema of model (or library) files, for editors.
import { jsonSchemaText, type SchemaKind } from "../../schema/json.js";
import { UsageError } from "../exit.js";
import type { Io } from "../io.js";

export function schemaCommand(kind: string, io: Io): number {
  if (kind !== "model" && kind !== "library") throw new UsageError(`schema: "${kind}" is not model or library`);
  io.out(jsonSchemaText(kind as SchemaKind));
  return 0;
}
