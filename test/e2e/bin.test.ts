// bin/sroi: the bundles, the help bundle's hand-over to the full CLI, and the code cache, which must
// never be needed (an unreadable, corrupt or unwritable cache changes nothing but speed).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function sroi(args: string[], env: Record<string, string> = {}, bin = join(ROOT, "bin", "sroi")) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", ...env },
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

  it("says how to build when the bundle is missing", () => {
    const copy = mkdtempSync(join(tmpdir(), "sroi-nobundle-"));
    cpSync(join(ROOT, "bin"), join(copy, "bin"), { recursive: true });
    mkdirSync(join(copy, "dist"));
    const r = sroi(["run", "models/eijsden.yaml"], {}, join(copy, "bin", "sroi"));
    expect(r.code).toBe(2);
    expect(r.err).toBe("sroi: the compiled CLI is missing; run `npm install` (or `npm run build`) first\n");
  });
});
