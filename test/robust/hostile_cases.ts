// The hostile files of issue 9, each with the message it must give. Cases are data; the two runners
// (hostile.test.ts, and hostile_core.test.ts for the cases whose fix lives in the model language)
// set each one up in a scratch project and run it through the CLI in-process.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const BASE = readFileSync(join(import.meta.dirname, "base_model.yaml"), "utf8");
export const REPO = join(import.meta.dirname, "..", "..");

export interface HostileCase {
  name: string;
  /** Writes the case's files into `dir` (a scratch project with a package.json) and returns the sroi arguments. */
  setup: (dir: string) => string[];
  /** Accepted exit statuses. */
  code: number | number[];
  /** What stderr must say (each pattern somewhere). */
  stderr?: RegExp[];
  /** What stdout must say. */
  stdout?: RegExp[];
  /** Text that must appear in neither stream (a secret of a file that must not be echoed). */
  never?: RegExp[];
  /** The fix belongs to the model language (core): run by hostile_core.test.ts. */
  needsCore?: boolean;
}

/** The base model with one exact piece of text replaced. */
export function base(from?: string, to?: string): string {
  if (from === undefined) return BASE;
  if (!BASE.includes(from)) throw new Error(`base model has no "${from}"`);
  return BASE.replace(from, to!);
}

const mkfifoSync = (path: string) => execFileSync("mkfifo", [path]);

function model(dir: string, text: string, name = "m.yaml"): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const validate = (dir: string, text: string) => ["validate", model(dir, text)];
const runJson = (dir: string, text: string) => ["run", "-f", "json", model(dir, text)];

/** A copy of the repository's Eijsden model, library and fixture in `dir`. */
function eijsden(dir: string): string {
  mkdirSync(join(dir, "models"), { recursive: true });
  mkdirSync(join(dir, "fixtures"), { recursive: true });
  cpSync(join(REPO, "models", "eijsden.yaml"), join(dir, "models", "eijsden.yaml"));
  cpSync(join(REPO, "models", "library"), join(dir, "models", "library"), { recursive: true });
  cpSync(join(REPO, "fixtures", "eijsden.yaml"), join(dir, "fixtures", "eijsden.yaml"));
  return join(dir, "models", "eijsden.yaml");
}

const BOUND = /hint: see README "Errors, exit status and bounds"/;

export const CASES: HostileCase[] = [
  // ---- 1. unbounded time and memory from small inputs
  {
    name: "a horizon of 2^31 years",
    setup: (d) => validate(d, base("  discount: 3%", "  horizon: 2147483648\n  discount: 3%")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  time\.horizon  the year 2147483648 is outside 1900-2200/, BOUND],
  },
  {
    name: "a duration of 1e9 years",
    setup: (d) => validate(d, base("duration: 2 ", "duration: 1000000000 ")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  outcomes\[0\]\.duration  1000000000 years, more than the bound of 300/],
  },
  {
    name: "a start of 1e9 years",
    setup: (d) => validate(d, base("duration: 2 ", "duration: 2\n    start: 1000000000 ")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  outcomes\[0\]\.start  1000000000 years, more than the bound of 300/],
  },
  {
    name: "a period ending in the year 1e9",
    setup: (d) => validate(d, base("period: 2026-2028 ", "period: { start: 2026, end: 1000000000 } ")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  time\.period\.end  the year 1000000000 is outside 1900-2200/],
  },
  {
    name: "inputs.years up to 1e9",
    setup: (d) => validate(d, base("amount: hours * 48 * rate ", "years: { start: 2026, end: 1000000000 }\n    amount: hours * 48 * rate ")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  inputs\[0\]\.years\.end  the year 1000000000 is outside 1900-2200/],
  },
  {
    name: "year0 of -1e12",
    setup: (d) => validate(d, base("  discount: 3%", "  year0: -1000000000000\n  discount: 3%")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  time\.year0  the year -1000000000000 is outside 1900-2200/],
  },
  {
    name: "year0 of 10,000,000 (every discount factor null before)",
    setup: (d) => validate(d, base("  discount: 3%", "  year0: 10000000\n  discount: 3%")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  time\.year0  the year 10000000 is outside 1900-2200/],
  },
  {
    name: "a period of 301 years",
    setup: (d) => validate(d, base("period: 2026-2028 ", "period: 1900-2200 ")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  time\.period  a period of 301 years, more than the bound of 300/],
  },
  {
    name: "2,000 parameters naming unknown names (bounded did-you-mean)",
    setup: (d) => validate(d, base("parameters:\n", "parameters:\n" + Array.from({ length: 2000 }, (_, i) => `  p${i}: q${i} + 1   # test\n`).join(""))),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\.p1999  unknown name "q1999"/],
  },
  {
    name: "10,001 parameters",
    setup: (d) => validate(d, base("parameters:\n", "parameters:\n" + Array.from({ length: 10001 }, (_, i) => `  p${i}: 1\n`).join(""))),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters  10003 parameters, more than the bound of 10000/],
  },
  {
    name: "a 1 MB parameter name",
    setup: (d) => validate(d, base("parameters:\n", `parameters:\n  ? ${"a".repeat(1_000_000)}\n  : 1\n`)),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\["a{40}\.\.\.\(1000000 characters\)"\]  a name of 1000000 characters, more than the bound of 100/],
  },
  {
    name: "a chain of 4,000 parameters defined through one another",
    setup: (d) => validate(d, base("parameters:\n", "parameters:\n" + Array.from({ length: 4000 }, (_, i) => `  c${i}: c${i + 1} + 1\n`).join("") + "  c4000: 1\n")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\.c\d+  defined through a chain of 201 parameters, more than the bound of 200/],
  },
  {
    name: "10,000 scenarios, each extending the one before",
    setup: (d) => validate(d, base("  - id: base", "  - id: s0") + Array.from({ length: 9999 }, (_, i) => `  - { id: s${i + 1}, name: S, extends: s${i} }\n`).join("")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  scenarios  10000 scenarios, more than the bound of 1000/],
  },
  {
    name: "a chain of 200 parameters computes",
    setup: (d) =>
      runJson(d, base("parameters:\n", "parameters:\n" + Array.from({ length: 199 }, (_, i) => `  c${i}: c${i + 1} + 1\n`).join("") + "  c199: 1\n").replace("amount: hours * 48 * rate", "amount: c0 * 100")),
    code: 0,
    stdout: [/"c0": 200/],
  },
  {
    name: "an expression of 5,000 terms computes",
    setup: (d) => runJson(d, base("  hours: 10 ", `  hours: "${Array(5000).fill("1").join(" + ")}" `)),
    code: 0,
    stdout: [/"hours": 5000/],
  },
  {
    name: "an expression of 30,000 characters",
    setup: (d) => validate(d, base("  hours: 10 ", `  hours: "${Array(15000).fill("1").join("+")}" `)),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\.hours  text of 29999 characters, more than the bound of 20000/],
  },
  {
    name: "an expression nested 500 deep",
    setup: (d) => validate(d, base("  hours: 10 ", `  hours: "${"(".repeat(500)}1${")".repeat(500)}" `)),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\.hours  .*nested too deeply/],
  },
  {
    name: "YAML nested 100,000 deep",
    setup: (d) => validate(d, base() + `extra: ${"[".repeat(100000)}${"]".repeat(100000)}\n`),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  \(file\)  /],
  },
  {
    name: "a billion-laughs alias bomb",
    setup: (d) =>
      validate(
        d,
        base() +
          "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
      ),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  \(file\)  cannot load the YAML: excessive alias count/],
  },
  {
    name: "a model file over the size bound (sparse, never read)",
    setup: (d) => {
      const f = model(d, base());
      truncateSync(f, 17_000_000);
      return ["validate", f];
    },
    code: 2,
    stderr: [/m\.yaml:1:1  \(file\)  the file is 17000000 bytes, over the bound of 16000000 bytes; refused without reading/],
  },
  {
    name: "a library path naming the zero device",
    setup: (d) => validate(d, base("time:", "library: [/dev/zero]\ntime:")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  library\[0\]  library file outside the project: \/dev\/zero/],
  },
  {
    name: "the zero device allowed with --allow-path is still refused by stat",
    setup: (d) => [...validate(d, base("time:", "library: [/dev/zero]\ntime:")), "--allow-path", "/dev"],
    code: 2,
    stderr: [/dev\/zero:1:1  \(file\)  is a device, not a regular file; refused without reading/],
  },
  {
    name: "a library that is a FIFO",
    setup: (d) => {
      mkfifoSync(join(d, "lib.yaml"));
      return validate(d, base("time:", "library: [lib.yaml]\ntime:"));
    },
    code: 2,
    stderr: [/lib\.yaml:1:1  \(file\)  is a FIFO \(named pipe\), not a regular file; refused without reading/],
  },
  {
    name: "a model that is a FIFO",
    setup: (d) => {
      mkfifoSync(join(d, "m.yaml"));
      return ["validate", join(d, "m.yaml")];
    },
    code: 2,
    stderr: [/m\.yaml:1:1  \(file\)  is a FIFO/],
  },
  // ---- 2. uncaught exceptions
  {
    name: "a folder with a dangling link and a link loop named *.yaml: the good model still runs",
    setup: (d) => {
      mkdirSync(join(d, "models"));
      writeFileSync(join(d, "models", "good.yaml"), base());
      symlinkSync("nowhere.yaml", join(d, "models", "dangling.yaml"));
      symlinkSync("loop.yaml", join(d, "models", "loop.yaml"));
      return ["validate", join(d, "models")];
    },
    code: 2,
    stdout: [/ok {2}.*good\.yaml/],
    stderr: [/dangling\.yaml:1:1  \(file\)  dangling symbolic link/, /loop\.yaml:1:1  \(file\)  symbolic link loop/],
  },
  {
    name: "a glob through a folder loop",
    setup: (d) => {
      mkdirSync(join(d, "models", "sub"), { recursive: true });
      writeFileSync(join(d, "models", "sub", "good.yaml"), base());
      symlinkSync("..", join(d, "models", "sub", "up"));
      return ["validate", join(d, "models") + "/**/*.yaml"];
    },
    code: 0,
    stdout: [/ok {2}.*good\.yaml/],
  },
  {
    name: "diff against a result without scenarios",
    setup: (d) => {
      mkdirSync(join(d, "baseline"));
      writeFileSync(join(d, "baseline", "base.json"), '{"schema":"sroi-result/1","model":{"id":"base"}}');
      return ["diff", join(d, "baseline"), model(d, base(), "base.yaml")];
    },
    code: 2,
    stderr: [/base\.json:1:1  \(file\)  an sroi result without a valid "scenarios" list/],
  },
  // ---- 3. library paths read anything
  {
    name: "a library path to the password file",
    setup: (d) => validate(d, base("time:", "library: [/etc/passwd]\ntime:")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  library\[0\]  library file outside the project: \/etc\/passwd .*not read/],
    never: [/root:/],
  },
  {
    name: "the process environment, even when allowed, is not echoed",
    setup: (d) => [...validate(d, base("time:", "library: [/proc/self/environ]\ntime:")), "--allow-path", "/proc"],
    code: 2,
    stderr: [/environ:1:1  \(file\)  not an sroi library file|environ:1:1  \(file\)  /],
    never: [/PATH=/, /HOME=/],
  },
  {
    name: "a file in the project that is not a library: its keys are not echoed",
    setup: (d) => {
      writeFileSync(join(d, "secrets.yaml"), "api_token: hunter2-secret\nother: value\n");
      return validate(d, base("time:", "library: [secrets.yaml]\ntime:"));
    },
    code: 2,
    stderr: [/secrets\.yaml:1:1  \(file\)  not an sroi library file/],
    never: [/hunter2/, /api_token/],
  },
  {
    name: "a file in the project that is not a library nor valid YAML: no YAML error quotes it",
    setup: (d) => {
      writeFileSync(join(d, "secrets.yaml"), "token: hunter2\ntoken: hunter2\n  bad: [\n");
      return validate(d, base("time:", "library: [secrets.yaml]\ntime:"));
    },
    code: 2,
    stderr: [/secrets\.yaml:1:1  \(file\)  not an sroi library file/],
    never: [/hunter2/, /token/],
  },
  {
    name: "a library reached through a link out of the project",
    setup: (d) => {
      symlinkSync("/etc/passwd", join(d, "lib.yaml"));
      return validate(d, base("time:", "library: [lib.yaml]\ntime:"));
    },
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  library\[0\]  library file outside the project: lib\.yaml/],
    never: [/root:/],
  },
  // ---- 4. silent wrong numbers (the model language: core)
  {
    name: 'unique_factor "50%%"',
    setup: (d) => runJson(d, base("unique_factor: 70% ", 'unique_factor: "50%%" ')),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  participants\.unique_factor  /],
    needsCore: true,
  },
  {
    name: 'unique_factor "1e5%"',
    setup: (d) => runJson(d, base("unique_factor: 70% ", 'unique_factor: "1e5%" ')),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  participants\.unique_factor  /],
    needsCore: true,
  },
  {
    name: 'unique_factor "-50%"',
    setup: (d) => runJson(d, base("unique_factor: 70% ", 'unique_factor: "-50%" ')),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  participants\.unique_factor  /],
    needsCore: true,
  },
  {
    name: "a negative input amount",
    setup: (d) => runJson(d, base("amount: hours * 48 * rate ", "amount: -1000 ")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  inputs\[0\]\.amount  /],
    needsCore: true,
  },
  {
    name: "an input of 5e-324: no infinite ratio in the table",
    setup: (d) => ["run", model(d, base("amount: hours * 48 * rate ", "amount: 5e-324 "))],
    code: [0, 2],
    never: [/Infinity|NaN|∞/],
    needsCore: true,
  },
  {
    name: "an input of 1e308: totals stay finite or the model is refused",
    setup: (d) => runJson(d, base("amount: hours * 48 * rate ", "amount: 1e308 ")),
    code: [0, 2],
    never: [/Infinity|NaN/, /"inputs": null/],
    needsCore: true,
  },
  {
    name: "__proto__ under parameters",
    setup: (d) => validate(d, base("parameters:\n", "parameters:\n  __proto__: 5\n")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\.__proto__  /],
    needsCore: true,
  },
  {
    name: "constructor under parameters",
    setup: (d) => validate(d, base("parameters:\n", "parameters:\n  constructor: 5\n")),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  parameters\.constructor  /],
    needsCore: true,
  },
  // ---- 5. damaged files passed over
  ...(
    [
      ["a truncated baseline file", (t: string) => t.slice(0, Math.floor(t.length / 2)), /base\.json:\d+:\d+  \(file\)  not valid JSON \(truncated or damaged\)/],
      ["an empty baseline file", () => "", /base\.json:1:1  \(file\)  the file is empty/],
      ["a junk baseline file", () => "[1, 2, 3]", /base\.json:1:1  \(file\)  not an sroi result/],
    ] as const
  ).map(
    ([name, damage, message]): HostileCase => ({
      name,
      setup: (d) => {
        mkdirSync(join(d, "baseline"));
        const result = JSON.stringify({ schema: "sroi-result/1", model: { id: "base" }, scenarios: [] });
        writeFileSync(join(d, "baseline", "base.json"), damage(result));
        return ["diff", join(d, "baseline"), model(d, base(), "base.yaml")];
      },
      code: 2,
      stderr: [message],
    }),
  ),
  {
    name: "two baseline files with the same model id",
    setup: (d) => {
      mkdirSync(join(d, "baseline"));
      const result = JSON.stringify({ schema: "sroi-result/1", model: { id: "base" }, scenarios: [] });
      writeFileSync(join(d, "baseline", "a.json"), result);
      writeFileSync(join(d, "baseline", "b.json"), result);
      return ["diff", join(d, "baseline"), model(d, base(), "base.yaml")];
    },
    code: 2,
    stderr: [/b\.json:1:1  \(file\)  has the same model id "base" as .*a\.json/],
  },
  {
    name: "a fixture that is a dangling link",
    setup: (d) => {
      const m = eijsden(d);
      mkdirSync(join(d, "fixtures"), { recursive: true });
      symlinkSync("nowhere.yaml", join(d, "fixtures", "base.yaml"));
      writeFileSync(join(d, "models", "base.yaml"), base());
      return ["check", join(d, "models", "base.yaml"), m];
    },
    code: 2,
    stderr: [/fixtures\/base\.yaml:1:1  \(file\)  dangling symbolic link/],
  },
  {
    name: "a fixture whose model: names another model",
    setup: (d) => {
      mkdirSync(join(d, "fixtures"), { recursive: true });
      const m = eijsden(d);
      writeFileSync(join(d, "fixtures", "eijsden.yaml"), readFileSync(join(d, "fixtures", "eijsden.yaml"), "utf8").replace("model: models/eijsden.yaml", "model: models/numansdorp.yaml"));
      return ["check", m];
    },
    code: 2,
    stderr: [/fixtures\/eijsden\.yaml:\d+:\d+  model  this fixture is for models\/numansdorp\.yaml/],
  },
  // ---- 6. --save
  {
    name: "--save through a link to the models folder",
    setup: (d) => {
      mkdirSync(join(d, "models"));
      writeFileSync(join(d, "models", "base.yaml"), base());
      symlinkSync(join(d, "models"), join(d, "out"));
      return ["run", join(d, "models", "base.yaml"), "--save", join(d, "out")];
    },
    code: 2,
    stderr: [/refusing to save into .*out: it holds the models being run/],
  },
  {
    name: "--save over a FIFO named like a result",
    setup: (d) => {
      mkdirSync(join(d, "out"));
      mkfifoSync(join(d, "out", "base.json"));
      return ["run", model(d, base(), "base.yaml"), "--save", join(d, "out")];
    },
    code: 2,
    stderr: [/refusing to overwrite .*base\.json: it is not an sroi result/],
  },
  {
    name: "a baseline file that is a FIFO",
    setup: (d) => {
      mkdirSync(join(d, "baseline"));
      mkfifoSync(join(d, "baseline", "base.json"));
      return ["diff", join(d, "baseline"), model(d, base(), "base.yaml")];
    },
    code: 2,
    stderr: [/base\.json:1:1  \(file\)  is a FIFO \(named pipe\), not a regular file; refused without reading/],
  },
  // ---- 7. problem lines without file:line:col
  {
    name: "an empty file",
    setup: (d) => validate(d, ""),
    code: 2,
    stderr: [/m\.yaml:1:1  \(file\)  the file is empty/],
  },
  {
    name: "a missing file",
    setup: (d) => ["validate", join(d, "nope.yaml")],
    code: 2,
    stderr: [/nope\.yaml:1:1  \(file\)  no such file/],
  },
  {
    name: "a study defined in two library files",
    setup: (d) => {
      const lib = "sroi-library: 1\nstudies:\n  walk:\n    name: Walk\n    source: test\n    values: { health: 1 }   # test\n";
      writeFileSync(join(d, "a.yaml"), lib);
      writeFileSync(join(d, "b.yaml"), lib);
      return validate(d, base("time:", "library: [a.yaml, b.yaml]\ntime:"));
    },
    code: 2,
    stderr: [/b\.yaml:3:3  studies\.walk  study "walk" is defined in more than one library file/],
  },
  {
    name: "a key with control characters stays on one problem line",
    setup: (d) => validate(d, base() + '"bad\\rkey\\u2028x": 1\n'),
    code: 2,
    stderr: [/m\.yaml:\d+:\d+  \["bad\\rkey\\u2028x"\]  unknown key "bad\\rkey\\u2028x"/],
  },
  {
    name: "old-Mac line endings (bare CR) read as line ends",
    setup: (d) => runJson(d, base().replace(/\n/g, "\r")),
    code: 0,
    stdout: [/"schema": "sroi-result\/1"/],
  },
];
