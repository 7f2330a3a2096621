// Turns zod issues into sroi problems: one per wrong field, pointed at its line and column,
// unknown keys with a did-you-mean.
import type { z } from "zod";
import { UNKNOWN_KEYS_TAG } from "../schema/model.js";
import { didYouMean, type PathSegment, type Problem } from "./problems.js";
import type { SourceDoc } from "./source.js";

type Issue = z.core.$ZodIssue;

/**
 * The data of a document the schema accepts, or its problems. `accept` is the generated validator
 * (schema/accept.generated.ts): what it accepts zod would too, with the same data, so zod (`schema`,
 * built on first use) is only loaded for a document it leaves to zod, mostly one with problems to tell.
 */
export function validateWith<T>(
  doc: SourceDoc,
  accept: (data: unknown) => T | undefined,
  schema: () => z.ZodType<T>,
): { data?: T; problems: Problem[] } {
  const fast = accept(doc.data);
  if (fast !== undefined) return { data: fast, problems: [] };
  const res = schema().safeParse(doc.data);
  if (res.success) return { data: res.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of res.error.issues) problems.push(...issueProblems(issue, doc, []));
  return { problems: dedupe(problems) };
}

function issueProblems(issue: Issue, doc: SourceDoc, prefix: PathSegment[]): Problem[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const at = (p: PathSegment[], key = false) => {
    const pos = key ? doc.locateKey(p) : doc.locate(p);
    return { file: doc.file, line: pos?.line ?? 1, col: pos?.col ?? 1 };
  };

  if (issue.code === "unrecognized_keys") {
    const allowed = issue.message.startsWith(UNKNOWN_KEYS_TAG)
      ? issue.message.slice(UNKNOWN_KEYS_TAG.length).split(",")
      : [];
    return issue.keys.map((key) => {
      const guess = didYouMean(key, allowed);
      return {
        ...at([...path, key], true),
        path: [...path, key],
        message: `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}`,
        hint: guess ? undefined : allowed.length ? `allowed here: ${allowed.join(", ")}` : undefined,
        severity: "error" as const,
      };
    });
  }

  if (issue.code === "invalid_union") {
    // Prefer the branch that got furthest: one whose problems are not just "wrong type here".
    const branches = issue.errors.map((errs) => errs.map((e) => ({ ...e, path: [...(issue.path as PathSegment[]), ...(e.path as PathSegment[])] })));
    const informative = branches.find((errs) =>
      errs.some((e) => e.code !== "invalid_type" || (e.path as PathSegment[]).length > issue.path.length),
    );
    if (informative) {
      // One message per field: a failed pattern makes the range check after it fail too.
      const seen = new Set<string>();
      return informative
        .filter((e) => {
          const k = JSON.stringify(e.path);
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        })
        .flatMap((e) => issueProblems({ ...e, path: e.path.slice(issue.path.length) } as Issue, doc, [...prefix, ...(issue.path as PathSegment[])]));
    }
    const expected = [...new Set(branches.flat().map((e) => (e.code === "invalid_type" ? String(e.expected) : "")).filter(Boolean))];
    const value = valueAt(doc.data, path);
    return [
      {
        ...at(path),
        path,
        message: `expected ${expected.map(describeType).join(" or ")}, got ${describeValue(value)}`,
        severity: "error",
      },
    ];
  }

  let message = issue.message;
  if (issue.code === "invalid_key") {
    // A key the record refuses (a year key that is not four digits): say why, with the key as written.
    const why = issue.issues[0]?.message;
    const key = path[path.length - 1];
    message = `${why ?? "not a valid key"} (got "${String(key)}")`;
  } else if (issue.code === "invalid_type") {
    const value = valueAt(doc.data, path);
    message =
      value === undefined
        ? `missing ${describeType(String(issue.expected))} (required)`
        : `expected ${describeType(String(issue.expected))}, got ${describeValue(value)}`;
  } else if (issue.code === "invalid_value" && "values" in issue) {
    message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(valueAt(doc.data, path))}`;
  }
  const missing = issue.code === "invalid_type" && valueAt(doc.data, path) === undefined;
  return [{ ...at(path), path, message: missing ? message.replace(/^missing/, "missing") : message, severity: "error" }];
}

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function describeType(t: string): string {
  switch (t) {
    case "object":
      return "a block of keys";
    case "array":
      return "a list";
    case "record":
      return "a block of keys";
    case "string":
      return "text";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "null":
      return "nothing (null)";
    default:
      return t;
  }
}

function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a block of keys";
  if (typeof v === "string") return `text ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + "..." : v)}`;
  return `${typeof v} ${String(v)}`;
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.line}:${p.col}:${p.path.join(".")}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
