// npm run build: bundles with esbuild into dist/ (TypeScript is only type-checked, by `npm run typecheck`,
// so it is never compiled twice).
//   dist/cli/sroi.cjs  the CLI as one CommonJS file, what bin/sroi runs: one file to read, and a script
//                      V8 can keep a code cache for (ES modules cannot have one on Node 20). Commands and
//                      their libraries stay behind lazy initialisers, so `--help` runs none of them.
//   dist/api.js, dist/cli/main.js  the same code as ES modules, for programs that import the library.
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { resolve } from "node:path";

// cli-table3's string-width goes through a fast path for plain text (see scripts/shims/string-width.cjs).
const fastStringWidth = {
  name: "fast-string-width",
  setup(b) {
    const shim = resolve("scripts/shims/string-width.cjs");
    b.onResolve({ filter: /^string-width$/ }, (args) => (args.importer === shim ? undefined : { path: shim }));
  },
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: true,
  legalComments: "none",
  minify: process.env.SROI_MINIFY !== "0", // SROI_MINIFY=0 keeps names readable for profiling
  keepNames: true,
  logLevel: "warning",
  plugins: [fastStringWidth],
};

rmSync("dist", { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ["src/cli/main.ts"],
    outfile: "dist/cli/sroi.cjs",
    format: "cjs",
    // main.ts reads package.json next to itself through import.meta.url, which CommonJS lacks.
    define: { "import.meta.url": "__sroiUrl" },
    banner: { js: 'const __sroiUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  build({
    ...common,
    entryPoints: { "cli/main": "src/cli/main.ts", api: "src/api.ts" },
    outdir: "dist",
    splitting: true,
    format: "esm",
    chunkNames: "chunks/[name]-[hash]",
    // commander, cli-table3 and others are CommonJS and require() Node's own modules.
    banner: { js: 'import { createRequire as __sroiCreateRequire } from "node:module"; const require = __sroiCreateRequire(import.meta.url);' },
  }),
]);
