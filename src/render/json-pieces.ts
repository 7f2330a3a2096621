// Pretty-printed JSON written in pieces: the text of JSON.stringify(value, null, 2), character for
// character, without ever holding it as one string. Node 20's V8 builds a large stringify result as a
// rope and copies it whole again to turn it into bytes; for the 11 MB result of a model with ten
// thousand activities that is two fresh 11 MB blocks, page by page, per run. In pieces of a few
// kilobytes the same memory is used over and over.

/** The first levels of containers are written here key by key and element by element... */
const WALK_LEVELS = 4;
/** ...those below by JSON.stringify itself, whole, except arrays longer than this: in runs of this many. */
const RUN = 64;

const indent = (depth: number) => "  ".repeat(depth);

/** JSON.stringify drops these from objects and writes them as null in arrays. */
const absent = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

/** Only plain objects and arrays are walked; anything else (a Date, a boxed number) is JSON.stringify's. */
function walkable(v: unknown): v is object {
  if (v === null || typeof v !== "object") return false;
  if (Array.isArray(v)) return true;
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * A value's JSON as it stands `depth` levels deep (its later lines indented by 2*depth spaces): wrapped
 * in `depth` arrays, JSON.stringify indents it there itself; the wrapping is cut off the text.
 */
function stringifyAt(v: unknown, depth: number): string {
  if (v === null || typeof v !== "object") return absent(v) ? "null" : JSON.stringify(v);
  let wrapped: unknown = v;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each wrapping array adds "[\n" + its indent before the value and "\n" + its indent + "]" after it.
  const before = depth * depth + 3 * depth;
  const after = depth * depth + depth;
  return text.slice(before, text.length - after);
}

/**
 * Writes JSON.stringify(value, null, 2) as it stands `depth` levels deep in a pretty-printed document
 * (as the value of a key or an array element there: the first line not indented) through `emit`, in
 * pieces. The value must be one JSON.stringify can write (no cycles, no BigInt): what it throws on, this
 * throws on too.
 */
export function writePrettyJson(value: unknown, depth: number, emit: (text: string) => void): void {
  write(value, depth, WALK_LEVELS, emit);
}

function write(value: unknown, depth: number, levels: number, emit: (text: string) => void): void {
  if (!walkable(value) || (levels <= 0 && !(Array.isArray(value) && value.length > RUN))) {
    emit(stringifyAt(value, depth));
    return;
  }
  const inner = "\n" + indent(depth + 1);
  const close = "\n" + indent(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return emit("[]");
    if (levels <= 0) {
      // A long array below the walked levels: runs of elements, each run's brackets cut off.
      emit("[");
      for (let i = 0; i < value.length; i += RUN) {
        const run = stringifyAt(value.slice(i, i + RUN), depth);
        emit((i > 0 ? "," : "") + run.slice(1, run.length - close.length - 1));
      }
      emit(close + "]");
      return;
    }
    for (let i = 0; i < value.length; i++) {
      emit((i > 0 ? "," : "[") + inner);
      const item = value[i];
      if (absent(item)) emit("null");
      else write(item, depth + 1, levels - 1, emit);
    }
    emit(close + "]");
    return;
  }
  let written = 0;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (absent(item)) continue;
    emit((written++ > 0 ? "," : "{") + inner + JSON.stringify(key) + ": ");
    write(item, depth + 1, levels - 1, emit);
  }
  emit(written > 0 ? close + "}" : "{}");
}

/**
 * A sink that joins small pieces into chunks of about `size` characters before passing them on: few
 * writes, each of a string small enough to be made and dropped without fresh memory.
 */
export function chunked(out: (text: string) => void, size = 16_384): { emit: (text: string) => void; flush: () => void } {
  let pieces: string[] = [];
  let length = 0;
  const flush = () => {
    if (pieces.length === 0) return;
    out(pieces.length === 1 ? pieces[0]! : pieces.join(""));
    pieces = [];
    length = 0;
  };
  return {
    emit: (text) => {
      pieces.push(text);
      length += text.length;
      if (length >= size) flush();
    },
    flush,
  };
}
