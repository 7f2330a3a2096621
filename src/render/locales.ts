// The report languages, in a module of their own so that `sroi --help` lists them without loading labels.
export const LOCALES = ["nl", "en"] as const;
