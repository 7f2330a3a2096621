// npm's prepare step: build dist/ with TypeScript. `npm install -g .` from a fresh checkout packs the
// folder before its devDependencies are installed, so TypeScript is fetched first (through npm itself)
// instead of failing with "tsc: not found".
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, env = process.env) => execSync(cmd, { stdio: "inherit", env });
if (!existsSync("node_modules/typescript/bin/tsc")) {
  console.error("sroi: TypeScript is not installed here yet; installing the devDependencies to build dist/");
  // A local install in this folder: the outer `npm install -g`'s settings (global, prefix) must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location|production|omit|include)$/i.test(k)));
  run("npm install --no-audit --no-fund --ignore-scripts --include=dev --location=project", env);
}
run("node node_modules/typescript/bin/tsc -p tsconfig.build.json");
