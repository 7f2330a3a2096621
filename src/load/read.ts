// Reading the files sroi is given (models, libraries, fixtures, saved results), with the refusals that
// keep a hostile path from hanging or filling memory. Its own module, without the YAML parsers, so the
// batch's read-ahead worker (src/batch/read-ahead.ts) loads only what it needs.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { MAX_FILE_BYTES } from "../schema/bounds.js";

/** Old-Mac files end lines with a bare CR: read as line ends (the same length, so offsets hold). */
export function bareCrAsLineEnd(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
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

function firstLine(s: string): string {
  return s.split("\n", 1)[0]!.trim();
}
