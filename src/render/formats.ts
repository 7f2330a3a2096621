// Which formats each printing command supports, in a module of its own so that `sroi --help` can list
// them without loading a renderer. src/render/registry.ts gives a renderer for each (the compiler checks).
export const COMMAND_FORMATS = {
  run: ["table", "json", "md", "csv", "xlsx"],
  check: ["table", "json"],
  diff: ["table", "json"],
  figures: ["table", "json", "csv"],
  report: ["html"],
  sensitivity: ["table", "json"],
  breakeven: ["table", "json"],
  simulate: ["table", "json"],
  split: ["table", "json"],
} as const;

export type RenderCommand = keyof typeof COMMAND_FORMATS;
export type FormatOf<C extends RenderCommand> = (typeof COMMAND_FORMATS)[C][number];
export type Format = FormatOf<RenderCommand>;
/** Every format some command supports. */
export const FORMATS = [...new Set(Object.values(COMMAND_FORMATS).flat())] as Format[];
/** Formats written to a file (-o FILE) rather than stdout: binary or a page. */
export const FILE_FORMATS: readonly Format[] = ["xlsx", "html"];

export class FormatError extends Error {}

/** The format if the command supports it; otherwise a usage error listing the ones it does. */
export function supportedFormat<C extends RenderCommand>(command: C, format: string): FormatOf<C> {
  const list = COMMAND_FORMATS[command] as readonly string[];
  if (!list.includes(format)) {
    throw new FormatError(`sroi ${command} has no format "${format}"; it supports: ${list.join(", ")}`);
  }
  return format as FormatOf<C>;
}
