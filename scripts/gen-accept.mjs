// Writes src/schema/accept.generated.ts: a validator generated from the zod schemas (model, library,
// fixture) that accepts exactly what zod accepts and gives the same data, without loading zod. The loader
// tries it first; only a file it does not accept goes to zod, for zod's messages. So a valid model (nearly
// every run) never pays for importing zod, building its schemas and parsing with them.
//
// It may refuse more than zod (anything unusual: a key that Object.prototype carries, an object that is not
// plain): zod then decides, so the only cost is speed. It must never accept what zod refuses: every zod
// construct it meets is translated here or the build stops (test/schema/accept.test.ts compares the two on
// every model, library and fixture and on generated variants of them).
//
// Run by scripts/build.mjs before bundling; `node scripts/gen-accept.mjs` alone regenerates it too.
import { build } from "esbuild";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT = join(ROOT, "src", "schema", "accept.generated.ts");

/** A pattern's source with every non-ASCII character as a \u escape (the same pattern): the CLI bundles stay ASCII (scripts/build.mjs). */
const asciiSource = (source) => source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** Loads the schema modules (TypeScript) through esbuild, zod left as an import so it is the project's. */
async function loadSchemas() {
  const dir = join(ROOT, "node_modules", ".cache", "sroi-gen");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `schemas-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: `export { schemas } from "./src/schema/model.ts";
export { fixtureSchemas } from "./src/schema/fixture.ts";
export { refinements } from "./src/schema/refinements.ts";`,
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["zod"],
    outfile: file,
    logLevel: "warning",
  });
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(file, { force: true });
  }
}

/** The generated module's text. */
export async function generateAccept() {
  const { schemas, fixtureSchemas, refinements } = await loadSchemas();
  const refineNames = new Map(Object.entries(refinements).map(([name, fn]) => [fn, name]));
  const S = schemas();
  const F = fixtureSchemas();

  const names = new Map(); // schema -> function name
  const byBody = new Map(); // function body -> function name: zod's copies (.optional(), .meta()) of one schema share one
  const inProgress = new Set();
  const bodies = []; // function texts, in order of creation
  const consts = []; // regexes and sets, hoisted
  const constNames = new Map();

  const fail = (what) => {
    throw new Error(`gen-accept: ${what}; teach scripts/gen-accept.mjs this zod construct (or keep to the ones it knows)`);
  };
  const hoist = (text) => {
    let n = constNames.get(text);
    if (!n) {
      n = `c${constNames.size}`;
      constNames.set(text, n);
      consts.push(`const ${n} = ${text};`);
    }
    return n;
  };

  /** Code that returns NO unless the checks of `def` hold for `v` (zod runs them on the parsed value). */
  function checks(def, v) {
    const out = [];
    for (const c of def.checks ?? []) {
      const cd = c._zod.def;
      switch (cd.check) {
        case "greater_than":
          out.push(`if (!(${v} ${cd.inclusive ? ">=" : ">"} ${JSON.stringify(cd.value)})) return NO;`);
          break;
        case "less_than":
          out.push(`if (!(${v} ${cd.inclusive ? "<=" : "<"} ${JSON.stringify(cd.value)})) return NO;`);
          break;
        case "number_format":
          if (cd.format !== "safeint") fail(`number format ${cd.format}`);
          out.push(`if (!Number.isSafeInteger(${v})) return NO;`);
          break;
        case "min_length":
          // zod's `when` applies it to anything with a length: strings and lists here.
          if (def.type !== "string" && def.type !== "array") fail(`min_length on ${def.type}`);
          out.push(`if (${v}.length < ${JSON.stringify(cd.minimum)}) return NO;`);
          break;
        case "string_format":
          if (cd.format !== "regex" || def.type !== "string") fail(`string format ${cd.format}`);
          out.push(`if (!${hoist(`/${asciiSource(cd.pattern.source)}/${cd.pattern.flags.replace("g", "")}`)}.test(${v})) return NO;`);
          break;
        case "custom": {
          const name = refineNames.get(cd.fn);
          if (!name) fail("a .refine() whose function is not in src/schema/refinements.ts");
          out.push(`if (!R.${name}(${v})) return NO;`);
          break;
        }
        default:
          fail(`check ${cd.check}`);
      }
      if (cd.when && cd.check !== "min_length") fail(`a check with a condition (${cd.check})`);
    }
    return out;
  }

  /** The name of the function that accepts what `schema` accepts. */
  function fn(schema) {
    const known = names.get(schema);
    if (known) return known;
    if (inProgress.has(schema)) fail("a recursive schema");
    inProgress.add(schema);
    const name = emit(fnBody(schema));
    inProgress.delete(schema);
    names.set(schema, name);
    return name;
  }

  function emit(body) {
    const text = body.join("\n  ");
    let name = byBody.get(text);
    if (!name) {
      name = `v${byBody.size}`;
      byBody.set(text, name);
      // Short functions on one line: the file reads as a table of checks.
      bodies.push(body.length <= 4 ? `function ${name}(x: any): any { ${body.join(" ")} }` : `function ${name}(x: any): any {\n  ${text}\n}`);
    }
    return name;
  }

  /** The lines of the function that accepts what `schema` accepts. */
  function fnBody(schema) {
    const def = schema._zod.def;
    if (def.coerce) fail("coercion");
    const body = [];
    /** The call whose answer is the node's value, for a node that hands its value to other checks. */
    let call;
    switch (def.type) {
      case "string":
        body.push(`if (typeof x !== "string") return NO;`);
        break;
      case "number":
        body.push(`if (typeof x !== "number" || !Number.isFinite(x)) return NO;`);
        break;
      case "boolean":
        body.push(`if (typeof x !== "boolean") return NO;`);
        break;
      case "null":
        body.push(`if (x !== null) return NO;`);
        break;
      case "literal":
        if (!def.values.every((v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v) && !Object.is(v, -0)) || typeof v === "boolean")) fail("a literal that is not text, a number or a boolean");
        body.push(`if (${def.values.map((v) => `x !== ${JSON.stringify(v)}`).join(" && ")}) return NO;`);
        break;
      case "enum": {
        const values = Object.values(def.entries);
        if (!values.every((v) => typeof v === "string")) fail("an enum of other than text");
        body.push(`if (!${hoist(`new Set(${JSON.stringify(values)})`)}.has(x)) return NO;`);
        break;
      }
      case "optional": {
        const inner = def.innerType;
        if (inner._zod.optin !== undefined) fail("an optional of an optional or a default");
        body.push(`if (x === undefined) return x;`);
        call = `${fn(inner)}(x)`;
        break;
      }
      case "union":
        if (def.inclusive === false || def.discriminator !== undefined) fail("an exclusive or discriminated union");
        if (def.checks?.length) fail("a check on a union");
        // zod takes the first option that parses without an issue.
        body.push(`let y;`);
        for (const o of def.options) {
          if (o._zod.optin !== undefined) fail("an optional option of a union");
          body.push(`if ((y = ${fn(o)}(x)) !== NO) return y;`);
        }
        body.push(`return NO;`);
        return body;
      case "array":
        call = `list(x, ${fn(def.element)})`;
        break;
      case "object": {
        if (!def.catchall || def.catchall._zod.def.type !== "never") fail("an object that is not strict");
        const keys = Object.keys(def.shape);
        if (Object.getOwnPropertySymbols(def.shape).length) fail("a symbol key");
        const fields = keys.map((k) => {
          if (k in Object.prototype) fail(`a key Object.prototype carries (${k})`);
          const el = def.shape[k];
          const opt = el._zod.optin;
          if (opt !== undefined && (opt !== "optional" || el._zod.optout !== "optional" || el._zod.def.type !== "optional")) fail(`key ${k}: an optional other than .optional()`);
          return `[${JSON.stringify(k)}, ${fn(el)}, ${opt !== undefined}]`;
        });
        const table = hoist(`new Fields([${fields.join(", ")}])`);
        call = `strict(x, ${table})`;
        break;
      }
      case "record": {
        if (def.mode === "loose" || def.keyType._zod.values !== undefined || def.partial) fail("a record with enumerated keys");
        if (def.keyType._zod.def.type !== "string") fail("a record whose keys are not text");
        call = `record(x, ${fn(def.keyType)}, ${fn(def.valueType)})`;
        break;
      }
      default:
        fail(`schema type ${def.type}`);
    }
    const own = checks(def, call === undefined ? "x" : "y");
    // With no checks of its own, a node that hands its value on returns that answer as it is.
    if (call !== undefined && own.length === 0) return [...body, `return ${call};`];
    if (call !== undefined) body.push(`const y = ${call};`, `if (y === NO) return NO;`);
    body.push(...own, `return ${call === undefined ? "x" : "y"};`);
    return body;
  }

  const model = fn(S.Model);
  const library = fn(S.Library);
  const fixture = fn(F.Fixture);

  return `// Generated by scripts/gen-accept.mjs from src/schema/model.ts and src/schema/fixture.ts (on every build);
// do not edit. Accepts exactly what the zod schemas accept and returns the same data, or undefined for
// anything it does not accept (then zod decides, and gives its messages).
import type { LibraryDoc, ModelDoc } from "./model.js";
import type { FixtureDoc } from "./fixture.js";
import { refinements as R } from "./refinements.js";
import { Fields, list, NO, record, strict } from "./accept-runtime.js";

${consts.join("\n")}

${bodies.join("\n")}

/** A model file's data as the schema's Model gives it, or undefined when zod must decide. */
export function acceptModel(data: unknown): ModelDoc | undefined {
  const y = ${model}(data);
  return y === NO ? undefined : y;
}

/** A library file's data as the schema's Library gives it, or undefined when zod must decide. */
export function acceptLibrary(data: unknown): LibraryDoc | undefined {
  const y = ${library}(data);
  return y === NO ? undefined : y;
}

/** A fixture's data as the schema's Fixture gives it, or undefined when zod must decide. */
export function acceptFixture(data: unknown): FixtureDoc | undefined {
  const y = ${fixture}(data);
  return y === NO ? undefined : y;
}
`;
}

/** Writes the file when its text changed (so an unchanged schema leaves it, and its time, alone). */
export async function writeAccept() {
  const text = await generateAccept();
  let old;
  try {
    old = readFileSync(OUT, "utf8");
  } catch {
    old = undefined;
  }
  if (old !== text) writeFileSync(OUT, text);
  return text;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await writeAccept();
