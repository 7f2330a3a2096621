// npm's prepare step: build dist/ (scripts/build.mjs, esbuild). `npm install -g .` from a fresh checkout packs the
// folder before its devDependencies are installed, so esbuild is fetched first (through npm itself)
// instead of failing with a missing build tool.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, env = process.env) => execSync(cmd, { stdio: "inherit", env });
if (!existsSync("node_modules/esbuild/package.json")) {
  console.error("sroi: esbuild is not installed here yet; installing the devDependencies to build dist/");
  // A local install in this folder: the outer `npm install -g`'s settings (global, prefix) must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location|production|omit|include)$/i.test(k)));
  run("npm install --no-audit --no-fund --ignore-scripts --include=dev --location=project", env);
}
run("node scripts/build.mjs");
