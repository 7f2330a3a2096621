// The one place the analyses get a `Compiled` from a normalised model, so that swapping the slow
// adapter for the engine's `compile` is a one-line change.
import type { Compiled } from "../engine/evaluator.js";
import type { NModel } from "../engine/model.js";
import { adapt } from "./adapter.js";

export function compileModel(model: NModel): Compiled {
  return adapt(model);
}
