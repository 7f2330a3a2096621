// The bounds of the model language (README "Errors, exit status and bounds"). They keep the work of
// loading and computing a model linear in its size, so no small file can take unbounded time or
// memory; each one is far above what a published report needs.

/** A model, library or fixture file larger than this is refused before it is read. */
export const MAX_FILE_BYTES = 16_000_000;
/** Calendar years (period, year0, year, input and outcome years). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** Length of an analysis period or a horizon, in years. */
export const MAX_PERIOD_YEARS = 300;
/** A duration, start offset or other count of years. */
export const MAX_YEAR_COUNT = 300;
/** Characters in one text value (an expression, a note). */
export const MAX_TEXT_CHARS = 20_000;
/** Nesting of parentheses, unary signs and function calls in one expression. */
export const MAX_EXPR_NESTING = 200;
/** Nesting of blocks and lists in one file. */
export const MAX_DOCUMENT_DEPTH = 64;
/** Named parameters (parameters and baselines together). */
export const MAX_PARAMETERS = 10_000;
/** Scenarios in one model (each may extend another: resolving them is not linear in their number). */
export const MAX_SCENARIOS = 1_000;
/** Parameters defined through one another (a = b + 1, b = c + 1, ...): the longest such chain. */
export const MAX_DEFINITION_CHAIN = 200;
/** Characters in a key or name. */
export const MAX_NAME_CHARS = 100;
/** The did-you-mean search: words longer than this get no suggestion; at most this many candidates are compared. */
export const MAX_SUGGEST_WORD_CHARS = 40;
export const MAX_SUGGEST_CANDIDATES = 500;
/** Default time budget of one model in a batch, in seconds (--timeout). */
export const DEFAULT_TIMEOUT_SECONDS = 60;
