// Parses a model file's YAML text, keeping enough of the syntax tree to point
// later problems (schema, checks) at the line and column the user wrote.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { MAX_FILE_BYTES } from "../schema/bounds.js";
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
  /** Every plain (unquoted) number in the document with the text it was written as, e.g. "25.000". */
  numberTexts(): { path: PathSegment[]; text: string }[];
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
  // Old-Mac files end lines with a bare CR; read them as line ends (same length, so offsets hold).
  if (text.includes("\r")) text = text.replace(/\r(?!\n)/g, "\n");
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
      // The number texts matter only where one looks like Dutch thousands (25.000): the full parse is
      // made only when a line outside comments has such a number and the data holds its value.
      numberTexts: () => (maybeDottedThousands(text, data) ? (fullDoc()?.numberTexts() ?? []) : []),
    },
    problems: [],
  };
}

const DIGIT_GROUP = /\d\.\d{3}/;

/**
 * A plain number grouped by dots (25.000, 1.250.000) on some line, outside its comment, whose value is a
 * number somewhere in the data: a cheap pre-check. Such a number's value is in the data (a plain scalar
 * is read as a number), so when no candidate's value is, none of the texts is a number; this keeps
 * "2.586,43" in a note from costing a full parse.
 */
function maybeDottedThousands(text: string, data: unknown): boolean {
  if (!DIGIT_GROUP.test(text)) return false; // most files: no digit group after a dot anywhere
  const values = new Set<number>();
  for (const line of text.split("\n")) {
    if (!DIGIT_GROUP.test(line)) continue; // most lines of such a file have none either
    const code = line.replace(/(^|\s)#.*$/, "");
    for (const m of code.matchAll(/(?:^|[\s:[,{-])(-?\d{1,3}(?:\.\d{3})+)(?=\s*(?:[,\]}]|$))/g)) values.add(Number(m[1]));
  }
  return values.size > 0 && holdsNumber(data, values);
}

function holdsNumber(node: unknown, values: Set<number>): boolean {
  if (typeof node === "number") return values.has(node);
  if (node === null || typeof node !== "object") return false;
  for (const v of Array.isArray(node) ? node : Object.values(node)) if (holdsNumber(v, values)) return true;
  return false;
}

/** The full parse: the `yaml` document with every node's position, its problems and hints. */
export function parseSourceFull(file: string, text: string): Result {
  // Old-Mac files end lines with a bare CR; read them as line ends (same length, so offsets hold).
  if (text.includes("\r")) text = text.replace(/\r(?!\n)/g, "\n");
  const lineCounter = new LineCounter();
  // Duplicate keys are found below with a set per map: the yaml library's own check compares every
  // key with every other (10,000 parameters took seconds).
  const yaml = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
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
    problems.push({ file, line: 1, col: 1, path: [], message: "the file is empty", hint: EMPTY_HINT, severity: "error" });
    return { problems };
  }

  // Checked before toJS(), which would throw on these or silently mangle them.
  visit(yaml, {
    Map(_, map) {
      const keys = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!keys.has(key)) {
          keys.add(key);
          continue;
        }
        problems.push({
          file,
          ...(pair.key.range ? at(pair.key.range[0]) : { line: 1, col: 1 }),
          path: [],
          message: `duplicate key ${JSON.stringify(key)}`,
          hint: HINTS.DUPLICATE_KEY,
          severity: "error",
        });
      }
    },
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
    problems.push({ file, ...firstAlias(yaml, at), path: [], message: `cannot load the YAML: ${lowerFirst(message)}`, severity: "error" });
    return { problems };
  }

  return { doc: makeSourceDoc(file, data, yaml, at), problems };
}

/**
 * Reads a model, library or fixture file. Devices, FIFOs, sockets, folders and files over the size
 * bound are refused by stat before anything is read (so /dev/zero or a FIFO can neither hang nor fill
 * memory); the file is opened non-blocking and checked again on its descriptor, so a swap between the
 * check and the read changes nothing.
 */
export function readSourceFile(file: string): Result {
  const got = readTextFile(file);
  if (typeof got !== "string") return { problems: [{ file, line: 1, col: 1, path: [], message: got.refused, severity: "error" }] };
  return parseSource(file, got);
}

/** Files up to this size are read into one buffer kept for the next (a batch reads thousands). */
const SCRATCH_BYTES = 1 << 20;
let scratch: Buffer | undefined;

/** A file's text, or why it is refused (see readSourceFile); for every file sroi reads. */
export function readTextFile(file: string): string | { refused: string } {
  const fail = (refused: string) => ({ refused });
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    return fail(readFailure(err, file));
  }
  const refused = refuseKind(st);
  if (refused) return fail(refused);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return fail(readFailure(err, file));
  }
  try {
    const opened = fstatSync(fd);
    const again = refuseKind(opened);
    if (again) return fail(again);
    // The file as it was when opened: its size then (within the bound, checked above), read into a
    // buffer reused from file to file (the text is copied out of it), with no read to find the end.
    const size = opened.size;
    const buf = size <= SCRATCH_BYTES ? (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)) : Buffer.allocUnsafe(size);
    let len = 0;
    while (len < size) {
      const n = readSync(fd, buf, len, size - len, null);
      if (n === 0) break; // it shrank since
      len += n;
    }
    return buf.toString("utf8", 0, len);
  } catch (err) {
    return fail(readFailure(err, file));
  } finally {
    closeSync(fd);
  }
}

/** Why a file of this kind is not read, or undefined when it is a regular file within the size bound. */
function refuseKind(st: Stats): string | undefined {
  if (st.isDirectory()) return "is a folder, not a model file";
  if (!st.isFile()) {
    const kind = st.isFIFO() ? "a FIFO (named pipe)" : st.isSocket() ? "a socket" : st.isCharacterDevice() || st.isBlockDevice() ? "a device" : "not a regular file";
    return `is ${kind}, not a regular file; refused without reading`;
  }
  if (st.size > MAX_FILE_BYTES) return `the file is ${st.size} bytes, over the bound of ${MAX_FILE_BYTES} bytes; refused without reading`;
  return undefined;
}

export function readFailure(err: unknown, file?: string): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case "ENOENT":
      if (file !== undefined && isSymlink(file)) return "dangling symbolic link (its target does not exist)";
      return "no such file";
    case "ENOTDIR":
      return "no such file";
    case "ELOOP":
      return "symbolic link loop";
    case "EISDIR":
      return "is a folder, not a model file";
    case "EACCES":
    case "EPERM":
      return "cannot read: permission denied";
    case "ENAMETOOLONG":
      return "the file name is too long";
    default:
      return `cannot read: ${err instanceof Error ? firstLine(err.message) : String(err)}`;
  }
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}

/** Where the first alias is, for the alias-expansion limit (a "billion laughs" file). */
function firstAlias(yaml: Document, at: (offset: number) => Position): Position {
  let pos: Position = { line: 1, col: 1 };
  visit(yaml, {
    Alias(_, alias) {
      if (alias.range) pos = at(alias.range[0]);
      return visit.BREAK;
    },
  });
  return pos;
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
    numberTexts: () => {
      const out: { path: PathSegment[]; text: string }[] = [];
      const seen = new Set<unknown>(); // aliases may point back into their own anchor
      const each = (node: unknown, path: PathSegment[]): void => {
        if (isAlias(node) || seen.has(node)) return;
        if (isScalar(node)) {
          if (typeof node.value === "number" && node.type === "PLAIN" && node.source !== undefined) out.push({ path, text: node.source });
          return;
        }
        seen.add(node);
        if (isMap(node)) for (const p of node.items) each(p.value, [...path, isScalar(p.key) ? String(p.key.value) : "?"]);
        else if (isSeq(node)) node.items.forEach((item, i) => each(item, [...path, i]));
      };
      each(yaml.contents, []);
      return out;
    },
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
