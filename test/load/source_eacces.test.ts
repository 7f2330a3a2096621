// An unreadable file. Tests run as root in CI, and root can read any file, so the permission error is
// simulated by making the read itself fail the way the OS does.
import { describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  return {
    ...fs,
    readFileSync: (...args: Parameters<typeof fs.readFileSync>) => {
      if (String(args[0]).endsWith("secret.yaml")) {
        throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      }
      return fs.readFileSync(...args);
    },
  };
});

const { readSourceFile } = await import("../../src/load/source.js");

describe("readSourceFile", () => {
  it("reports an unreadable file as a problem, not an exception", () => {
    expect(readSourceFile("/tmp/secret.yaml").problems).toEqual([
      { file: "/tmp/secret.yaml", path: [], message: "cannot read: permission denied", severity: "error" },
    ]);
  });
});
