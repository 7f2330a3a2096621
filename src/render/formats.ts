// The output formats, in a module of their own so that `sroi --help` can list them without loading
// the renderers. src/render/index.ts must give a renderer for each (the compiler checks it).
export const FORMATS = ["table", "json"] as const;
export type Format = (typeof FORMATS)[number];
