// An analysis problem as the one-line form every bad input takes (file:line:col  path  message):
// a place in the model gets its line; a number named on the command line is shown by its name.
import type { AnalysisProblem } from "./inputs.js";
import { positioned } from "../load/load.js";
import type { Problem } from "../load/problems.js";
import type { SourceDoc } from "../load/source.js";

export function analysisProblem(file: string, doc: SourceDoc | undefined, p: AnalysisProblem): Problem {
  const message = p.option ? `${p.option}: ${p.message}` : p.message;
  if (p.path && doc) return positioned({ path: p.path, message, hint: p.hint }, doc);
  return { file, path: p.path ?? (p.subject ? p.subject.split(".") : []), message, hint: p.hint, severity: "error" };
}
