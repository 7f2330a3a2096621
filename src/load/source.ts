// Parses a model file's YAML text, keeping enough of the syntax tree to point
// later problems (schema, checks) at the line and column the user wrote.

import { readFileSync } from "node:fs";
import {
  LineCounter,
  isAlias,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from "yaml";
import { fastData } from "./fastyaml.js";
import type { PathSegment, Problem } from "./problems.js";

export interface Position {
  line: number;
  col: number;
}

export interface SourceDoc {
  file: string;
  /** Plain JS value of the document (numbers as numbers). */
  data: unknown;
  /**
   * Position of the node at `path`: for a map key, its value (or the key when
   * the value is empty). When the tail of the path does not exist, the deepest
   * node that does, so a missing field points at its parent map.
   */
  locate(path: PathSegment[]): Position | undefined;
  /** Position of the key at `path` (for unknown keys); falls back to locate(). */
  locateKey(path: PathSegment[]): Position | undefined;
}

type Result = { doc?: SourceDoc; problems: Problem[] };

const EMPTY_HINT = 'a model starts with "sroi: 1" and a "meta:" block; see README "Writing a model"';

// Hints for the YAML mistakes people make most often when editing by hand.
const HINTS: Partial<Record<YAMLError["code"], string>> = {
  TAB_AS_INDENT: "indent with spaces; YAML does not allow tabs for indentation",
  DUPLICATE_KEY: "each key may appear only once in the same block; remove or rename one",
  MULTIPLE_DOCS: 'keep one model per file; a line holding only "---" starts a new document',
};

export function parseSource(file: string, text: string): Result {
  const data = fastData(text);
  if (data === undefined) return parseSourceFull(file, text);
  // Positions come from the full parse, made only when a problem needs one (most runs have none).
  let full: SourceDoc | undefined | null = null;
  const fullDoc = () => (full === null ? (full = parseSourceFull(file, text).doc) : full);
  return {
    doc: {
      file,
      data,
      locate: (path) => fullDoc()?.locate(path),
      locateKey: (path) => fullDoc()?.locateKey(path),
    },
    problems: [],
  };
}

/** The full parse: the `yaml` document with every node's position, its problems and hints. */
export function parseSourceFull(file: string, text: string): Result {
  const lineCounter = new LineCounter();
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const problems: Problem[] = [];

  const seen = new Set<string>();
  for (const err of [...yaml.errors, ...yaml.warnings]) {
    const severity = err.name === "YAMLWarning" ? "warning" : "error";
    const { line, col } = err.linePos?.[0] ?? at(err.pos[0]);
    // One syntax slip often yields several errors on the same line; the
    // first one is the useful one, the rest are follow-on noise.
    const key = `${severity}:${line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hint = HINTS[err.code];
    problems.push({ file, line, col, path: [], message: yamlMessage(err, yaml, text), ...(hint ? { hint } : {}), severity });
  }
  if (problems.some((p) => p.severity === "error")) return { problems };

  if (yaml.contents === null) {
    problems.push({ file, path: [], message: "the file is empty", hint: EMPTY_HINT, severity: "error" });
    return { problems };
  }

  // Checked before toJS(), which would throw on these or silently mangle them.
  visit(yaml, {
    Alias(_, alias) {
      if (alias.resolve(yaml) !== undefined) return;
      problems.push({
        file,
        ...(alias.range ? at(alias.range[0]) : {}),
        path: [],
        message: `unknown alias *${alias.source}`,
        hint: `an alias needs a matching "&${alias.source}" anchor earlier in the file`,
        severity: "error",
      });
    },
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      problems.push({
        file,
        ...(pair.key.range ? at(pair.key.range[0]) : {}),
        path: [],
        message: "a key must be a single word or value, not a list or map",
        severity: "error",
      });
    },
  });
  if (problems.some((p) => p.severity === "error")) return { problems };

  let data: unknown;
  try {
    data = yaml.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Excessive alias expansion (a "billion laughs" file) ends up here.
    const message = err instanceof Error ? firstLine(err.message) : String(err);
    problems.push({ file, path: [], message: `cannot load the YAML: ${lowerFirst(message)}`, severity: "error" });
    return { problems };
  }

  return { doc: makeSourceDoc(file, data, yaml, at), problems };
}

export function readSourceFile(file: string): Result {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    return { problems: [{ file, path: [], message: readFailure(err), severity: "error" }] };
  }
  return parseSource(file, text);
}

function readFailure(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case "ENOENT":
    case "ENOTDIR":
      return "no such file";
    case "EISDIR":
      return "is a folder, not a model file";
    case "EACCES":
    case "EPERM":
      return "cannot read: permission denied";
    default:
      return `cannot read: ${err instanceof Error ? firstLine(err.message) : String(err)}`;
  }
}

/** A short, lower-case message for a yaml library error. */
function yamlMessage(err: YAMLError, yaml: Document, text: string): string {
  if (err.code === "MULTIPLE_DOCS") {
    // parseDocument() stops at the first document; count them all.
    return `expected one YAML document, found ${parseAllDocuments(text).length}`;
  }
  if (err.code === "DUPLICATE_KEY") {
    // The error only spans the key's first character; name the whole key.
    const key = keyStartingAt(yaml, err.pos[0]);
    if (key !== undefined) return `duplicate key ${JSON.stringify(key)}`;
  }
  return lowerFirst(firstLine(err.message));
}

function makeSourceDoc(
  file: string,
  data: unknown,
  yaml: Document,
  at: (offset: number) => Position,
): SourceDoc {
  const posOf = (node: unknown): Position | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? at(range[0]) : undefined;
  };

  // Follows `path` as far as it exists. `pos` is the deepest node reached;
  // `keyPos` is set only when the whole path exists and ends at a map key
  // (each step clears it, so stopping early leaves it unset).
  const walk = (path: PathSegment[]): { pos?: Position; keyPos?: Position } => {
    let node: unknown = yaml.contents;
    let pos = posOf(node);
    let keyPos: Position | undefined;
    for (const seg of path) {
      keyPos = undefined;
      // Step through an alias into the anchored node it stands for.
      if (isAlias(node)) node = node.resolve(yaml);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        keyPos = posOf(pair.key);
        node = pair.value;
        // `key:` with nothing after it has an empty scalar; point at the key.
        if (node === null || (isScalar(node) && node.source === "" && node.value === null)) {
          pos = keyPos;
          node = undefined;
          continue;
        }
      } else if (isSeq(node)) {
        const index = Number(seg);
        const item = Number.isInteger(index) ? node.items[index] : undefined;
        if (item === undefined) break;
        node = item;
      } else {
        break;
      }
      pos = posOf(node) ?? pos;
    }
    return { pos, keyPos };
  };

  return {
    file,
    data,
    locate: (path) => walk(path).pos,
    locateKey: (path) => {
      const { pos, keyPos } = walk(path);
      return keyPos ?? pos;
    },
  };
}

function keyStartingAt(yaml: Document, offset: number): string | undefined {
  let found: string | undefined;
  visit(yaml, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function firstLine(s: string): string {
  return s.split("\n", 1)[0]!.trim();
}

// yaml messages start with a capital; ours are lower-case fragments.
function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
