// npm run build: bundles with esbuild into dist/ (TypeScript is only type-checked, by `npm run typecheck`,
// so it is never compiled twice).
//   dist/cli/sroi.cjs  the CLI as one CommonJS file, what bin/sroi runs: one file to read, and a script
//                      V8 can keep a code cache for (ES modules cannot have one on Node 20). Commands and
//                      their libraries stay behind lazy initialisers.
//   dist/cli/sroi-help.cjs  the same without the commands' code, for help and --version.
//   dist/cli/sroi-read-ahead.cjs  the worker that reads a batch's model files ahead (src/batch/read-ahead.ts).
//   dist/**/*.js       every source file as an ES module, laid out as tsc would (dist/api.js, dist/load/load.js),
//                      for programs and scripts that import the library.
import { build } from "esbuild";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeAccept } from "./gen-accept.mjs";

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
  // No keepNames: it wraps every function made at run time in a call that sets its name (4% of a batch);
  // nothing reads function names (a --debug stack names the bundle's lines: SROI_MINIFY=0 for readable ones).
  logLevel: "warning",
};

/** A plugin that stubs the relative imports `pick` names: the stub asks bin/sroi for the full bundle. */
function leftOut(name, pick) {
  return {
    name,
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const path = pick(args);
        return path === undefined ? undefined : { path, namespace: "left-out" };
      });
      b.onLoad({ filter: /.*/, namespace: "left-out" }, () => ({
        contents: 'throw Object.assign(new Error("this needs the full CLI"), { code: "SROI_NEEDS_FULL_CLI" });',
        loader: "js",
      }));
    },
  };
}

// The help bundle: the CLI with every command's code left out (a stub that asks bin/sroi for the full
// bundle), so `sroi --help`, `sroi help run` and `sroi --version` read and compile a small file.
const commandsLeftOut = leftOut("commands-left-out", (args) => (args.path.startsWith("./commands/") ? args.path : undefined));

// source.ts's `yaml` is loaded on first use (see scripts/shims/yaml-lazy.cjs).
const lazyYaml = {
  name: "lazy-yaml",
  setup(b) {
    const shim = resolve("scripts/shims/yaml-lazy.cjs");
    b.onResolve({ filter: /^yaml$/ }, (args) =>
      args.importer === resolve("src/load/source.ts") ? { path: shim } : undefined,
    );
  },
};

// The lean bundle: the CLI without the file renderers (xlsx with exceljs, html) and the analysis commands
// (report, sensitivity, breakeven, simulate, split): a third of the size, so a run reads and deserializes
// less. bin/sroi picks it only for the other commands and when no argument mentions xlsx or html; were a
// left-out module reached anyway, its stub asks bin/sroi for the full bundle before anything is printed.
const LEFT_OUT_OF_LEAN = [
  "src/render/xlsx.ts",
  "src/render/html.ts",
  "src/cli/commands/report.ts",
  "src/cli/commands/analysis.ts",
].map((f) => resolve(f));
const leanLeftOut = leftOut("lean-left-out", (args) => {
  const path = resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
  return LEFT_OUT_OF_LEAN.includes(path) ? path : undefined;
});

// commander's node:child_process is loaded on first use (see scripts/shims/child-process-lazy.cjs).
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    const shim = resolve("scripts/shims/child-process-lazy.cjs");
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: shim } : undefined,
    );
  },
};

// fastyaml.ts's js-yaml is loaded on first use (see scripts/shims/js-yaml-lazy.cjs).
const lazyJsYaml = {
  name: "lazy-js-yaml",
  setup(b) {
    const shim = resolve("scripts/shims/js-yaml-lazy.cjs");
    b.onResolve({ filter: /^js-yaml$/ }, (args) => (args.importer === resolve("src/load/fastyaml.ts") ? { path: shim } : undefined));
  },
};

// zod is loaded on first use (see scripts/shims/zod-lazy.cjs), from a file of its own (dist/cli/sroi-zod.cjs,
// built below): a valid model never needs it, and the bundle a run reads is half the size without it.
const lazyZod = {
  name: "lazy-zod",
  setup(b) {
    const shim = resolve("scripts/shims/zod-lazy.cjs");
    b.onResolve({ filter: /^zod$/ }, (args) => (args.importer === shim ? { path: "./sroi-zod.cjs", external: true } : { path: shim }));
  },
};

// chalk's terminal detection (supports-color) loads node:tty, and with it node:net, at start-up; sroi
// always gives chalk its colour level (src/cli/io.ts), so the bundles get chalk's browser variant of the
// detection, which loads nothing (and says "no colour" for chalk's default instance, which sroi never uses).
const chalkWithoutDetection = {
  name: "chalk-without-detection",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: resolve("node_modules/chalk/source/vendor/supports-color/browser.js") }));
  },
};

// The validator generated from the zod schemas, which the CLI runs instead of zod on a valid file.
await writeAccept();

rmSync("dist", { recursive: true, force: true });
await Promise.all([
  ...[
    { outfile: "dist/cli/sroi.cjs", plugins: [fastStringWidth, lazyYaml, lazyChildProcess, lazyZod, chalkWithoutDetection, lazyJsYaml] },
    { outfile: "dist/cli/sroi-lean.cjs", plugins: [leanLeftOut, fastStringWidth, lazyYaml, lazyChildProcess, lazyZod, chalkWithoutDetection, lazyJsYaml] },
    { outfile: "dist/cli/sroi-help.cjs", plugins: [commandsLeftOut, lazyChildProcess, lazyZod, chalkWithoutDetection, lazyJsYaml] },
  ].map(({ outfile, plugins }) =>
    build({
      ...common,
      entryPoints: ["src/cli/main.ts"],
      outfile,
      plugins,
      format: "cjs",
      metafile: !!process.env.SROI_META, // SROI_META=1 writes dist/cli/*.meta.json: what each bundle holds (esbuild.github.io/analyze)
      // main.ts reads package.json next to itself through import.meta.url, which CommonJS lacks.
      define: { "import.meta.url": "__sroiUrl" },
      banner: { js: 'const __sroiUrl = require("node:url").pathToFileURL(__filename).href;' },
    }).then((r) => r.metafile && writeFileSync(`${outfile}.meta.json`, JSON.stringify(r.metafile))),
  ),
  // The batch's read-ahead worker (src/batch/read-ahead.ts), started by the bundles from dist/cli/, next to them.
  build({
    ...common,
    entryPoints: ["src/batch/read-ahead-worker.ts"],
    outfile: "dist/cli/sroi-read-ahead.cjs",
    format: "cjs",
    define: { "import.meta.url": "__sroiUrl" },
    banner: { js: 'const __sroiUrl = require("node:url").pathToFileURL(__filename).href;' },
  }),
  // zod alone, for the bundles' lazy shim (required from dist/cli/, next to them).
  build({
    ...common,
    stdin: { contents: 'module.exports = require("zod");', resolveDir: ".", loader: "js" },
    outfile: "dist/cli/sroi-zod.cjs",
    format: "cjs",
  }),
  // The library as ES modules, one file per source file as tsc would lay them out (dist/api.js,
  // dist/load/load.js, ...), for programs and scripts that import it; packages stay imports.
  build({
    entryPoints: readdirSync("src", { recursive: true })
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
      .map((f) => join("src", f)),
    outdir: "dist",
    outbase: "src",
    bundle: false,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
  }),
]);

// The CLI bundles must be ASCII: a single other character (a "€" or an en dash in a regular expression,
// which esbuild leaves as written) makes Node read the whole file as two-byte text, ~3 ms of every
// start-up. Write such a character as a \u escape in the source.
for (const name of ["sroi.cjs", "sroi-lean.cjs", "sroi-help.cjs"]) {
  const text = readFileSync(join("dist", "cli", name), "utf8");
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) {
    console.error(`build: dist/cli/${name} is not ASCII: "${text[at]}" in ...${text.slice(Math.max(0, at - 40), at + 20)}...`);
    console.error("build: write that character as a \\u escape in the source (a regular expression keeps its meaning)");
    process.exit(1);
  }
}
