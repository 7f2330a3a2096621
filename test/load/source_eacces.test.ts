// An unreadable file. Tests run as root in CI, and root can read any file, so the permission error is
// simulated by making the open itself fail the way the OS does.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      if (String(args[0]).endsWith("secret.yaml")) {
        throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      }
      return fs.openSync(...args);
    },
  };
});

const { readSourceFile } = await import("../../src/load/source.js");

describe("readSourceFile", () => {
  it("reports an unreadable file as a problem, not an exception", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sroi-eacces-")), "secret.yaml");
    writeFileSync(file, "sroi: 1\n");
    expect(readSourceFile(file).problems).toEqual([
      { file, line: 1, col: 1, path: [], message: "cannot read: permission denied", severity: "error" },
    ]);
  });
});
