// Which files a command line names: a folder that cannot be read is a problem line of its own (tests
// run as root, so the permission error is simulated the way the OS gives it), and nothing throws.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    readdirSync: (...args: Parameters<typeof fs.readdirSync>) => {
      if (String(args[0]).endsWith("private")) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      return fs.readdirSync(...args);
    },
  };
});

const { expandPaths } = await import("../../src/cli/paths.js");

describe("expandPaths", () => {
  const dir = mkdtempSync(join(tmpdir(), "sroi-paths-"));
  mkdirSync(join(dir, "private"));
  mkdirSync(join(dir, "models", "deeper"), { recursive: true });
  writeFileSync(join(dir, "models", "a.yaml"), "sroi: 1\n");
  writeFileSync(join(dir, "models", "deeper", "b.yaml"), "sroi: 1\n");
  symlinkSync("..", join(dir, "models", "deeper", "loop"));
  symlinkSync("gone.yaml", join(dir, "models", "dangling.yaml"));

  it("reports an unreadable folder as file:line:col and keeps the others", () => {
    expect(expandPaths([join(dir, "private"), join(dir, "models")])).toEqual({
      files: [join(dir, "models", "a.yaml"), join(dir, "models", "dangling.yaml")],
      missing: [`${join(dir, "private")}:1:1  (folder)  cannot read: permission denied`],
    });
  });

  it("walks a glob through a folder loop once", () => {
    expect(expandPaths([join(dir, "models") + "/**/*.yaml"]).files).toEqual([
      join(dir, "models", "a.yaml"),
      join(dir, "models", "dangling.yaml"),
      join(dir, "models", "deeper", "b.yaml"),
    ]);
  });
});

describe("expandPaths with sub-folders (sroi check)", () => {
  it("takes the models one level down, not library/, hidden folders or deeper levels", () => {
    const dir = mkdtempSync(join(tmpdir(), "sroi-paths-sub-"));
    for (const d of ["examples/deeper", "library", ".hidden"]) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ["a.yaml", "examples/b.yaml", "examples/deeper/c.yaml", "library/studies.yaml", ".hidden/d.yaml"]) writeFileSync(join(dir, f), "sroi: 1\n");
    expect(expandPaths([dir]).files).toEqual([join(dir, "a.yaml")]);
    expect(expandPaths([dir], { subfolders: true }).files).toEqual([join(dir, "a.yaml"), join(dir, "examples", "b.yaml")]);
  });
});

describe("expandPaths and links", () => {
  it("reads a folder's entry types from the listing, and still follows links as stat does", () => {
    const dir = mkdtempSync(join(tmpdir(), "sroi-paths-links-"));
    mkdirSync(join(dir, "folder.yaml")); // a folder with a model's name is no model
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "a.yaml"), "sroi: 1\n");
    writeFileSync(join(dir, "sub", "b.yaml"), "sroi: 1\n");
    symlinkSync("a.yaml", join(dir, "to-file.yaml"));
    symlinkSync("folder.yaml", join(dir, "to-folder.yaml"));
    symlinkSync("sub", join(dir, "to-sub"));
    symlinkSync("nowhere.yaml", join(dir, "dangling.yaml")); // kept: the loader names the problem
    expect(expandPaths([dir], { subfolders: true }).files).toEqual([
      join(dir, "a.yaml"),
      join(dir, "dangling.yaml"),
      join(dir, "to-file.yaml"),
      join(dir, "sub", "b.yaml"),
      join(dir, "to-sub", "b.yaml"),
    ]);
    expect(expandPaths([join(dir, "*.yaml")]).files).toEqual([join(dir, "a.yaml"), join(dir, "dangling.yaml"), join(dir, "to-file.yaml")]);
  });
});
