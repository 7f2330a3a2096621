// Writing to stdout without process.stdout (src/cli/io.ts): the bytes, their order, a pipe that would
// block, a reader that leaves, and the terminal check.
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stdoutIsTty, stdoutWriter } from "../../src/cli/io.js";

const ROOT = join(import.meta.dirname, "..", "..");
// A child process runs the built module (dist/, built by `npm test`'s pretest), as bin/sroi would.
const IO = join(ROOT, "dist", "cli", "io.js");

/** Runs an ES module script in a child Node, in a shell line where NODE stands for it. */
function node(script: string, shell?: string) {
  const cmd = `${JSON.stringify(process.execPath)} --input-type=module -e ${shq(script)}`;
  return spawnSync("bash", ["-c", shell ? shell.replace("NODE", cmd) : cmd], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

describe("stdoutWriter", () => {
  it("writes text and bytes in order, as UTF-8", () => {
    const file = join(mkdtempSync(join(tmpdir(), "sroi-io-")), "out.txt");
    const fd = openSync(file, "w");
    const write = stdoutWriter(fd);
    write("€ 1.234\n");
    write(Buffer.from("bytes\n"));
    write("");
    write(new Uint8Array([0x6f, 0x6b, 0x0a]));
    closeSync(fd);
    expect(readFileSync(file, "utf8")).toBe("€ 1.234\nbytes\nok\n");
  });

  it("hands over to process.stdout, in order, when a non-blocking pipe is full", () => {
    // process.stdout on a pipe makes the descriptor non-blocking; 8 MB cannot fit in a pipe's buffer, so
    // writeSync meets EAGAIN and the rest must follow through the stream, nothing lost or reordered.
    const r = node(
      `const { stdoutWriter } = await import(${JSON.stringify(IO)});
       process.stdout; // a non-blocking pipe from here on
       const w = stdoutWriter();
       w("a".repeat(4e6)); w("b".repeat(4e6)); w("END\\n");`,
      "NODE | (sleep 0.3; cat)",
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.length).toBe(8e6 + 4);
    expect(r.stdout).toBe("a".repeat(4e6) + "b".repeat(4e6) + "END\n");
  });

  it("hands over in order when the pipe fills during many small writes (each encoded into one reused buffer)", () => {
    const r = node(
      `const { stdoutWriter } = await import(${JSON.stringify(IO)});
       process.stdout;
       const w = stdoutWriter();
       for (let i = 0; i < 2000; i++) w(String(i).padEnd(3999, i % 2 ? "€" : ".") + "\\n");`,
      "NODE | (sleep 0.3; cat)",
    );
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines.length).toBe(2001);
    for (let i = 0; i < 2000; i++) expect(lines[i]).toBe(String(i).padEnd(3999, i % 2 ? "€" : "."));
  });

  it("reports a descriptor it cannot write to (EBADF), never drops the text", () => {
    expect(() => stdoutWriter(2 ** 20)("lost?")).toThrow(expect.objectContaining({ code: "EBADF" }));
  });

  it("stops quietly when the reader leaves (| head)", () => {
    const r = node(
      `const { stdoutWriter } = await import(${JSON.stringify(IO)});
       const w = stdoutWriter();
       for (let i = 0; i < 1e4; i++) w("line " + i + "\\n".repeat(100));
       process.stderr.write("not reached\\n");`,
      "set -o pipefail; NODE | head -c 10 >/dev/null",
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("stdoutIsTty", () => {
  it("is false for /dev/null, a file and a pipe", () => {
    const devNull = openSync("/dev/null", "w");
    const file = openSync(join(mkdtempSync(join(tmpdir(), "sroi-io-")), "f"), "w");
    try {
      expect(stdoutIsTty(devNull)).toBe(false);
      expect(stdoutIsTty(file)).toBe(false);
    } finally {
      closeSync(devNull);
      closeSync(file);
    }
    const r = node(`const { stdoutIsTty } = await import(${JSON.stringify(IO)}); console.error(stdoutIsTty())`, "NODE | cat");
    expect(r.stderr.trim()).toBe("false");
  });

  it("is false, without throwing, for a descriptor that is not open", () => {
    expect(stdoutIsTty(2 ** 20)).toBe(false);
  });

  it("is true on a terminal (script(1) gives the command one)", () => {
    const script = `const { stdoutIsTty } = await import(${JSON.stringify(IO)}); console.log(String(stdoutIsTty()))`;
    const r = spawnSync("script", ["-qec", `${process.execPath} --input-type=module -e ${shq(script)}`, "/dev/null"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.error, "script(1) (util-linux) is needed for this test").toBeUndefined();
    expect(r.stdout.trim()).toBe("true");
  });
});
