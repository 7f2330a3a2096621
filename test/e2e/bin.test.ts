// bin/sroi: the bundles, the help bundle's hand-over to the full CLI, and the code cache, which must
// never be needed (an unreadable, corrupt or unwritable cache changes nothing but speed).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function sroi(args: string[], env: Record<string, string> = {}, bin = join(ROOT, "bin", "sroi")) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...env },
    maxBuffer: 256 * 1024 * 1024, // a batch's JSON (spawnSync's default of 1 MB would cut it off)
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const freshCache = () => mkdtempSync(join(tmpdir(), "sroi-cache-"));

describe("bin/sroi", () => {
  it("writes a code cache per command on the first run, uses it on the next, with the same output", () => {
    const cache = freshCache();
    const first = sroi(["run", "models/eijsden.yaml", "-f", "json"], { XDG_CACHE_HOME: cache });
    const files = readdirSync(join(cache, "sroi"));
    const run = files.filter((f) => f.includes("-run-"));
    expect(run).toHaveLength(1);
    const written = statSync(join(cache, "sroi", run[0]!)).mtimeMs;
    const second = sroi(["run", "models/eijsden.yaml", "-f", "json"], { XDG_CACHE_HOME: cache });
    expect(second).toEqual(first);
    expect(first.code).toBe(0);
    // V8 accepted the cache: it was not written again.
    expect(readdirSync(join(cache, "sroi"))).toEqual(files);
    expect(statSync(join(cache, "sroi", run[0]!)).mtimeMs).toBe(written);
  });

  it("runs the same with a corrupt cache, an unwritable cache folder, or the cache turned off", () => {
    const expected = sroi(["run", "models/eijsden.yaml", "-f", "json"], { SROI_NO_CODE_CACHE: "1" });
    const corrupt = freshCache();
    sroi(["run", "models/eijsden.yaml", "-f", "json"], { XDG_CACHE_HOME: corrupt });
    for (const f of readdirSync(join(corrupt, "sroi"))) writeFileSync(join(corrupt, "sroi", f), "not a code cache");
    expect(sroi(["run", "models/eijsden.yaml", "-f", "json"], { XDG_CACHE_HOME: corrupt })).toEqual(expected);
    const blocked = freshCache();
    writeFileSync(join(blocked, "sroi"), "a file where the cache folder would be");
    expect(sroi(["run", "models/eijsden.yaml", "-f", "json"], { XDG_CACHE_HOME: blocked })).toEqual(expected);
  });

  it("does not leave a cache for a mistyped command", () => {
    const cache = freshCache();
    expect(sroi(["frobnicate"], { XDG_CACHE_HOME: cache }).code).toBe(2);
    expect(() => readdirSync(join(cache, "sroi"))).toThrow();
  });

  it("answers help from the help bundle, and hands a command that still runs to the full CLI", () => {
    const help = sroi(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Usage: sroi");
    expect(sroi(["help", "run"]).out).toContain("Usage: sroi run");
    // "--help" is the value of --filter here: the figures command runs, so the full CLI must.
    const figures = sroi(["figures", "models/eijsden.yaml", "--filter", "--help"]);
    expect(figures.err).not.toContain("needs the full CLI");
    expect(figures.code).toBe(0);
  });

  // Linux only: elsewhere bin/sroi leaves priorities alone (a thread id is no process id there).
  it.runIf(process.platform === "linux")("lowers the priority of V8's background threads and keeps the main thread's (not with SROI_NO_RENICE=1)", () => {
    const dir = mkdtempSync(join(tmpdir(), "sroi-nice-"));
    const probe = join(dir, "probe.cjs");
    // At exit, the nice value of each thread (field 19 of /proc/self/task/ID/stat), the main thread's first.
    writeFileSync(
      probe,
      `process.on("exit", () => {
  const fs = require("fs");
  const nice = (id) => Number(fs.readFileSync("/proc/self/task/" + id + "/stat", "utf8").split(") ")[1].split(" ")[16]);
  const others = fs.readdirSync("/proc/self/task").filter((id) => Number(id) !== process.pid);
  fs.writeFileSync(process.env.NICE_OUT, JSON.stringify([nice(process.pid), ...others.map(nice)]));
});
`,
    );
    const niceValues = (env: Record<string, string>) => {
      const out = join(dir, "nice.json");
      const r = spawnSync(process.execPath, ["-r", probe, join(ROOT, "bin", "sroi"), "run", "models/eijsden.yaml", "-f", "json"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, NICE_OUT: out, ...env },
      });
      expect(r.status).toBe(0);
      return JSON.parse(readFileSync(out, "utf8")) as number[];
    };
    const inherited = getPriority(); // a child starts at its parent's nice value (0 unless run under `nice`)
    const [main, ...background] = niceValues({});
    expect(main).toBe(inherited);
    expect(background.length).toBeGreaterThan(0);
    expect(new Set(background)).toEqual(new Set([19]));
    expect(new Set(niceValues({ SROI_NO_RENICE: "1" }))).toEqual(new Set([inherited]));
  });

  it("reads a batch's files ahead on a worker, with the same output as without, and without it when the worker fails", () => {
    // A folder of 60 models: the report models, and mutated copies (some invalid, some not plain YAML).
    const dir = mkdtempSync(join(tmpdir(), "sroi-ahead-"));
    const models = join(dir, "models");
    cpSync(join(ROOT, "models"), models, { recursive: true });
    cpSync(join(ROOT, "fixtures"), join(dir, "fixtures"), { recursive: true }); // check reads them ahead too
    const names = readdirSync(models).filter((f) => f.endsWith(".yaml"));
    for (let i = 0; names.length + i < 60; i++) {
      const text = readFileSync(join(models, names[i % names.length]!), "utf8");
      const bad = i % 3 === 0 ? text.replace("sroi: 1", "sroi: 1\nunknown_key: 1") : i % 3 === 1 ? text.replace(/^meta:/m, "meta: &m") : text;
      writeFileSync(join(models, `copy_${i}.yaml`), bad);
    }
    // bin/sroi and dist/ copied, the worker's script wrapped to leave a mark when it starts (or to fail).
    const copy = join(dir, "cli");
    cpSync(join(ROOT, "bin"), join(copy, "bin"), { recursive: true });
    cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true });
    cpSync(join(ROOT, "package.json"), join(copy, "package.json"));
    const worker = join(copy, "dist", "cli", "sroi-read-ahead.cjs");
    cpSync(worker, join(copy, "dist", "cli", "real-read-ahead.cjs"));
    writeFileSync(worker, 'require("node:fs").appendFileSync(process.env.AHEAD_MARK, "started\\n");\nif (process.env.AHEAD_FAIL) throw new Error("no");\nrequire("./real-read-ahead.cjs");\n');
    const mark = join(dir, "mark.txt");
    const bin = join(copy, "bin", "sroi");
    for (const args of [["run", models, "-f", "json"], ["validate", models], ["check", models]]) {
      const without = sroi(args, { SROI_NO_READ_AHEAD: "1", AHEAD_MARK: mark }, bin);
      expect(() => readFileSync(mark, "utf8"), args.join(" ")).toThrow();
      const withAhead = sroi(args, { AHEAD_MARK: mark }, bin);
      expect(readFileSync(mark, "utf8"), args.join(" ")).toBe("started\n");
      expect(without.code, args.join(" ")).not.toBeNull(); // it ran to its end
      expect(withAhead, args.join(" ")).toEqual(without);
      expect(sroi(args, { AHEAD_MARK: mark, AHEAD_FAIL: "1" }, bin), args.join(" ")).toEqual(without);
      rmSync(mark);
    }
    expect(sroi(["run", models, "-f", "json"], { AHEAD_MARK: mark }, bin).code).toBe(2); // the invalid copies
    rmSync(dir, { recursive: true, force: true });
  });

  it("says how to build when the bundle is missing", () => {
    const copy = mkdtempSync(join(tmpdir(), "sroi-nobundle-"));
    cpSync(join(ROOT, "bin"), join(copy, "bin"), { recursive: true });
    mkdirSync(join(copy, "dist"));
    const r = sroi(["run", "models/eijsden.yaml"], {}, join(copy, "bin", "sroi"));
    expect(r.code).toBe(2);
    expect(r.err).toBe("sroi: the compiled CLI is missing; run `npm install` (or `npm run build`) first\n");
  });
});
