// YAML reads 25.000 as 25: the cheap test of whether a file may hold such a number at all (load.ts
// reports them). Its own module, without the YAML parsers, for the batch's read-ahead worker.

const DIGIT_GROUP = /\d\.\d{3}/;

/**
 * A plain number grouped by dots (25.000, 1.250.000) on some line, outside its comment, whose value is a
 * number somewhere in the data: a cheap pre-check. Such a number's value is in the data (a plain scalar
 * is read as a number), so when no candidate's value is, none of the texts is a number; this keeps
 * "2.586,43" in a note from costing a full parse.
 */
export function maybeDottedThousands(text: string, data: unknown): boolean {
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

