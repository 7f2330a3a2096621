// The fast path for reading a model file: js-yaml builds the plain data directly, several times faster than
// the `yaml` package's document layer, which keeps a node with a source range for every value. Positions
// are only needed when a problem must be reported, so source.ts builds the full document then, lazily.
//
// The fast path must give exactly the data the full path gives, and never accept what the full path
// rejects or warns about (test/load/fastyaml.test.ts proves both on every model and a mutated corpus). So
// it answers only for plain files: anything either parser treats specially, or that the full path has a
// warning or a dedicated message for, goes to the full path, which is always right, only slower.
import { load } from "js-yaml";
import { plainData } from "./plainyaml.js";

/**
 * Text the fast path leaves to the full parser:
 * - tabs and bare-CR line ends (the full path has hints and its own line counting for them);
 * - tags (`!x`), anchors (`&a`) and aliases (`*a`): warnings, alias limits, unknown-alias messages;
 * - a line starting with a flow end (`]`, `}`): the full path warns about its indentation;
 * - directives (`%YAML`), explicit keys (`? k`), merge keys (`<<`) and null keys (`~:`, `null:`, `: v`):
 *   the two parsers' schemas differ there;
 * - exponents of three digits (`1e400`): one reads infinity, the other a string.
 * A false alarm (an expression like `a *b`) only costs speed.
 */
// One pattern per case, each starting at its rare character and looking behind from there: a single
// alternation tried at every position took several times longer on a large file.
const NEEDS_FULL_PARSER = [
  /\t/,
  /\r(?!\n)/,
  /[!&*](?<=(?:^|[\s[{,])[!&*])\S/m,
  /^ *[\]}]/m,
  /^%/m,
  /\?(?<=(?:^|[\s[{,])\?)(?:\s|$)/m,
  /<</,
  /:(?<=(?:^|[\s[{,?-])(?:~|null|Null|NULL)?:)(?:\s|$)/m,
  /[eE](?<=(?:^|[\s[{,])[-+]?[\d.]+[eE])[-+]?\d{3}/m,
];

/** The file's data when the fast path can vouch for it; undefined means: use the full parser. */
export function fastData(text: string): Record<string, unknown> | undefined {
  // The plain YAML that models are written in has a faster reader still, which needs no pre-check (it
  // stops at anything the pre-check looks for); what it leaves goes to js-yaml.
  const plain = plainData(text);
  if (plain !== undefined) return plain;
  if (NEEDS_FULL_PARSER.some((pattern) => pattern.test(text))) return undefined;
  let data: unknown;
  try {
    // js-yaml's default schema is YAML 1.2 core, as the full path's; duplicate keys throw.
    data = load(text, { maxAliases: 0 });
  } catch {
    return undefined; // a syntax problem: the full path reports it with its position and hint
  }
  // A model or library file is a map; anything else (empty file, a bare scalar) gets the full path's message.
  if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
  return data as Record<string, unknown>;
}
