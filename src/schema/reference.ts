// The README's field reference, generated from the JSON Schema (so it cannot drift from the language).
import { jsonSchema, type SchemaKind } from "./json.js";

type Node = Record<string, unknown>;

function typeOf(n: Node): string {
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (Array.isArray(n.enum)) return (n.enum as unknown[]).map((e) => JSON.stringify(e)).join(" \\| ");
  // Titled unions (src/schema/model.ts) say what they take in words.
  if (n.title === "share or expression") return 'share (0.5 or "50%") or expression';
  if (n.title === "whole years or expression") return "whole years or expression";
  if (n.title === "number, expression or by year") return "number, expression, or by year (list or map)";
  if (Array.isArray(n.anyOf)) {
    const kinds = [...new Set((n.anyOf as Node[]).map(typeOf))];
    if (kinds[0] === "number 0..1" && kinds[1] === "string") kinds.splice(0, 2, 'share (0.5 or "50%")');
    if (kinds[0] === "number -1..1" && kinds[1] === "string") kinds.splice(0, 2, 'rate (0.03 or "3%")');
    return kinds.join(" or ");
  }
  if (n.type === "array") return `list of ${typeOf((n.items as Node) ?? {})}`;
  if (n.type === "object") return n.properties ? "map" : `map of ${typeOf((n.additionalProperties as Node) ?? {})}`;
  if (n.type === "null") return "null";
  if (n.type === "string" && typeof n.pattern === "string" && n.pattern.includes("%")) return "percentage";
  if (n.type === "string" && n.pattern === "^[a-z][a-z0-9_]*$") return "id";
  if (Array.isArray(n.type)) return (n.type as string[]).join(" or ");
  const range = n.minimum !== undefined && n.maximum !== undefined && Number(n.maximum) < 1e15 ? ` ${n.minimum}..${n.maximum}` : "";
  return `${String(n.type ?? "any")}${range}`;
}

/** Rows of (field path, type, required) for every field a file of this kind may have. */
export function fieldRows(kind: SchemaKind): { path: string; type: string; required: boolean }[] {
  const rows: { path: string; type: string; required: boolean }[] = [];
  const walk = (n: Node, path: string) => {
    const options = Array.isArray(n.anyOf) ? (n.anyOf as Node[]) : [n];
    for (const o of options) {
      if (o.type === "object" && o.properties) {
        const required = new Set((o.required as string[]) ?? []);
        for (const [key, child] of Object.entries(o.properties as Record<string, Node>)) {
          const p = path ? `${path}.${key}` : key;
          if (!rows.some((r) => r.path === p)) rows.push({ path: p, type: typeOf(child), required: required.has(key) });
          walk(child, p);
        }
      } else if (o.type === "array" && o.items) walk(o.items as Node, `${path}[]`);
      else if (o.type === "object" && o.additionalProperties && typeof o.additionalProperties === "object") walk(o.additionalProperties as Node, `${path}.<id>`);
    }
  };
  walk(jsonSchema(kind), "");
  return rows;
}

export function fieldReference(kind: SchemaKind): string {
  const lines = ["| field | type | required |", "| --- | --- | --- |"];
  for (const r of fieldRows(kind)) lines.push(`| \`${r.path}\` | ${r.type} | ${r.required ? "yes" : ""} |`);
  return lines.join("\n");
}

/**
 * The README with its generated sections brought up to date: the field references and the table of
 * cross-reference rules (between `<!-- tag -->` and `<!-- /tag -->`). A test keeps the README current;
 * regenerate with: npm run build && node -e 'import("./dist/schema/reference.js").then((m) => m.writeReadme("README.md"))'
 */
export function updateReadme(text: string, rules: readonly { id: string; says: string }[]): string {
  const put = (s: string, tag: string, body: string) =>
    s.replace(new RegExp(`<!-- ${tag} -->[\\s\\S]*?<!-- /${tag} -->`), `<!-- ${tag} -->\n${body}\n<!-- /${tag} -->`);
  let s = put(text, "fields:model", fieldReference("model"));
  s = put(s, "fields:library", fieldReference("library"));
  return put(s, "rules", ["| rule | a model must say |", "| --- | --- |", ...rules.map((r) => `| \`${r.id}\` | ${r.says} |`)].join("\n"));
}

export async function writeReadme(file: string): Promise<void> {
  const { readFileSync, writeFileSync } = await import("node:fs");
  const { RULES } = await import("../load/normalize/rules.js");
  writeFileSync(file, updateReadme(readFileSync(file, "utf8"), RULES));
}
