// Exit status, decided in one place (README "Exit status"):
// 0 all good; 1 a check found a published figure that no longer reproduces; 2 invalid input or usage.
export interface Outcome {
  invalidInput: boolean;
  checkFailed?: boolean;
}

export function exitCode(o: Outcome): 0 | 1 | 2 {
  if (o.invalidInput) return 2;
  if (o.checkFailed) return 1;
  return 0;
}

/** Thrown for wrong command-line use; main() prints it and exits 2. */
export class UsageError extends Error {}
