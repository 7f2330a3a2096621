// The command line: parse arguments, call the library, print, exit. Commands are imported only when
// they run, so `sroi --help` stays fast.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { createRequire } from "node:module";
import { UsageError } from "./exit.js";
import { processIo, type Io } from "./io.js";
import { COMMAND_FORMATS, FormatError, type RenderCommand } from "../render/formats.js";
import type { Locale } from "../render/format.js";
import { LOCALES } from "../render/locales.js";

const require = createRequire(import.meta.url);

const { version } = require("../../package.json") as { version: string };


const EXIT_CODES = `
Exit status:
  0  all good
  1  sroi check: a published figure no longer reproduces
  2  invalid input or usage (the problems are on stderr)`;

/** The examples and exit codes every --help ends with. */
function help(examples: string[]): string {
  return `\nExamples:\n${examples.map((e) => `  $ ${e}`).join("\n")}\n${EXIT_CODES}\n`;
}

/** Options every command reads (README "Errors, exit status and bounds"). */
interface GlobalOptions {
  debug?: boolean;
  allowPath: string[];
  timeout?: number;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("a number of seconds above 0");
  return n;
}

export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  // Read before parsing, so that even a failure while parsing shows its stack under --debug.
  const debug = argv.includes("--debug");
  try {
    return await runCommandLine(argv, io);
  } catch (err) {
    // The help bundle met a command after all: bin/sroi runs the full CLI instead (nothing printed yet).
    if ((err as { code?: unknown } | null)?.code === "SROI_NEEDS_FULL_CLI") throw err;
    // No exception escapes a command: anything unforeseen is exit 2 with one line, never a stack
    // trace (exit 1 is reserved for a published figure that no longer reproduces).
    const message = err instanceof Error ? err.message.split("\n", 1)[0] : String(err);
    io.err(`sroi: internal error: ${message} (run with --debug for the stack)\n`);
    if (debug && err instanceof Error && err.stack) io.err(err.stack + "\n");
    return 2;
  }
}

async function runCommandLine(argv: string[], io: Io): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("sroi")
    .description("Run social return on investment (SROI) and social cost-benefit (MKBA) models written in YAML.")
    .version(version)
    .showHelpAfterError("(run sroi --help for usage)")
    // Help's width and colour from io, as commander's own defaults would create process.stdout (see io.ts).
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      getOutHelpWidth: () => io.outColumns?.() as number, // undefined (not a terminal): commander wraps at 80
      getOutHasColors: () => io.chalk.level > 0,
    })
    .exitOverride()
    .addHelpText("after", help(["sroi run models/eijsden.yaml", "sroi report models/eijsden.yaml -o eijsden.html", "sroi check --quiet", "sroi init my_project"]))
    .option("--debug", "show the stack of an internal error")
    .option("--allow-path <dir>", "also read library files from this folder outside the project (repeatable)", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--timeout <seconds>", "time budget of each model in a batch (default 60)", seconds);
  const batch = () => {
    const g = program.opts<GlobalOptions>();
    return { allowPaths: g.allowPath, timeoutSeconds: g.timeout, debug: g.debug, readAhead: true };
  };

  // --lang, with --locale kept as its alias; no default: each model prints in its own declared language.
  const lang = () => new Option("--lang <lang>", "labels and number notation (default: the model's language, else nl)").choices(LOCALES);
  const localeAlias = () => new Option("--locale <lang>", "alias of --lang").choices(LOCALES).hideHelp();
  const langOf = (opts: { lang?: Locale; locale?: Locale }) => opts.lang ?? opts.locale;
  const format = (command: RenderCommand, dflt: string) =>
    new Option("-f, --format <format>", `output format: ${COMMAND_FORMATS[command].join(", ")}`).default(dflt);
  const repeat = (v: string, prev: string[] = []) => [...prev, v];
  const scenarios = (list: string[] | undefined) => list?.flatMap((x) => x.split(",")).filter(Boolean);

  program
    .command("run")
    .description("run models and print their tables (inputs, benefits, ratios); several models end with a summary")
    .argument("<paths...>", "model files, folders of models, or globs")
    .addOption(format("run", "table"))
    .option("-s, --scenario <id>", "only this scenario (repeat, or separate with commas)", repeat)
    .option("-o, --output <file>", "write to this file instead of stdout (needed for -f xlsx)")
    .option("--save <dir>", "also write each model's JSON result to <dir>/<model id>.json (for sroi diff)")
    .option("--summary", "print only the summary table (model, scenario, inputs, benefits, ratio)")
    .option("--wide", "full year-by-year tables, however wide (default: fit 100 columns)")
    .addOption(lang())
    .addOption(localeAlias())
    .option("--set <name=value>", "change one number of the model (repeatable), e.g. --set annual_cost=75000", repeat)
    .option("--min-certainty <stars>", "also show each ratio without the benefits resting on studies rated below this many stars (1-3)")
    .addHelpText("after", help([
      "sroi run models/eijsden.yaml",
      "sroi run models/eijsden.yaml -s fulltime --set annual_cost=75000",
      "sroi run models/eijsden.yaml --min-certainty 2",
      "sroi run models/eijsden.yaml -s current --lang en",
      "sroi run models --summary",
      "sroi run models -f json | jq '.models[].result.scenarios[].ratio'",
      "sroi run models -f csv -o results.csv",
      "sroi run models/numansdorp.yaml -f xlsx -o numansdorp.xlsx",
    ]))
    .action(async (paths: string[], opts) => {
      const { runCommand } = await import("./commands/run.js");
      code = await runCommand(paths, { ...opts, locale: langOf(opts), batch: batch() }, io);
    });

  program
    .command("report")
    .description("write a self-contained HTML factsheet with charts and the full tables (opens offline, prints on A4)")
    .argument("<file>", "model file")
    .requiredOption("-o, --output <file>", "the HTML file to write")
    .addOption(format("report", "html"))
    .addOption(lang())
    .addOption(localeAlias())
    .addHelpText("after", help(["sroi report models/eijsden.yaml -o eijsden.html", "sroi report models/lpbl_de_kop.yaml -o de_kop.html --lang en"]))
    .action(async (file: string, opts) => {
      const { reportCommand } = await import("./commands/report.js");
      code = await reportCommand(file, { ...opts, locale: langOf(opts) }, io);
    });

  program
    .command("validate")
    .description("check models without printing their results: an ok line per model, every problem as file:line:col  path  message")
    .argument("<paths...>", "model files, folders of models, or globs")
    .addOption(lang())
    .addHelpText("after", help(["sroi validate models", "sroi validate my_model.yaml"]))
    .action(async (paths: string[], opts) => {
      const { validateCommand } = await import("./commands/validate.js");
      code = validateCommand(paths, io, batch(), langOf(opts));
    });

  program
    .command("check")
    .description("run models and compare them with the published figures in fixtures/ (exit 1 when one no longer reproduces)")
    .argument("[paths...]", "model files or folders", ["models"])
    .addOption(format("check", "table"))
    .option("--fixtures <dir>", "folder with the published figures (default: fixtures/ next to the models folder)")
    .option("-q, --quiet", "print only the failures and one closing line")
    .addOption(lang())
    .option("--set <name=value>", "change one number of the model (repeatable)", repeat)
    .addOption(localeAlias())
    .addHelpText("after", help(["sroi check", "sroi check --quiet", "sroi check models/eijsden.yaml -f json"]))
    .action(async (paths: string[], opts) => {
      const { checkCommand } = await import("./commands/check.js");
      code = checkCommand(paths, { ...opts, locale: langOf(opts), batch: batch() }, io);
    });

  program
    .command("diff")
    .description("re-run models and show what moved against results saved with sroi run --save (headline figures first)")
    .argument("<baseline>", "folder of saved results")
    .argument("[paths...]", "model files or folders", ["models"])
    .addOption(format("diff", "table"))
    .option("--all", "list every figure, not only those that moved")
    .option("--figure <pattern>", "only figures whose name contains this (* matches anything)")
    .addOption(lang())
    .addOption(localeAlias())
    .addHelpText("after", help(["sroi run models --save results/before --summary", "sroi diff results/before", "sroi diff results/before --figure '*.ratio'"]))
    .action(async (baseline: string, paths: string[], opts) => {
      const { diffCommand } = await import("./commands/diff.js");
      code = diffCommand(baseline, paths, { ...opts, locale: langOf(opts), batch: batch() }, io);
    });

  program
    .command("figures")
    .description("list the named figures of a model's result (the names fixtures and checks use)")
    .argument("<file>", "model file")
    .option("--filter <text>", "only figures whose name contains this")
    .addOption(format("figures", "table"))
    .addOption(lang())
    .addHelpText("after", help(["sroi figures models/eijsden.yaml --filter ratio"]))
    .action(async (file: string, opts) => {
      const { figuresCommand } = await import("./commands/figures.js");
      code = figuresCommand(file, { ...opts, locale: langOf(opts), batch: batch() }, io);
    });

  program
    .command("init")
    .description("write a commented starter model that runs as is (never over an existing file)")
    .argument("<name>", "the model file to write (.yaml added when missing)")
    .addHelpText("after", help(["sroi init my_project", "sroi run my_project.yaml"]))
    .action(async (name: string) => {
      const { initCommand } = await import("./commands/init.js");
      code = initCommand(name, io);
    });

  program
    .command("library")
    .description("list and search the shared reference values (study, values per domain, certainty, source)")
    .argument("[text]", "only studies whose id, name, domain or source contains this")
    .option("--dir <dir>", "the library folder", "models/library")
    .addOption(lang())
    .addOption(localeAlias())
    .addHelpText("after", help(["sroi library", "sroi library wandel", "sroi library zvw"]))
    .action(async (text: string | undefined, opts) => {
      const { libraryCommand } = await import("./commands/library.js");
      code = libraryCommand(text, { dir: opts.dir, locale: langOf(opts) ?? "nl" }, io);
    });

  // How sure is it, and who should pay (README "How sure is it, and who should pay").
  const analysed = (cmd: Command) =>
    cmd
      .argument("<file>", "model file")
      .addOption(format(cmd.name() as RenderCommand, "table"))
      .option("--set <name=value>", "change one number of the model (repeatable)", repeat)
      .option("--spread <share>", "vary every stated number without a declared range by this much (triangular), e.g. 20%")
      .option("-s, --scenario <id>", "only this scenario (repeat, or separate with commas)", repeat)
      .addOption(lang())
      .addOption(localeAlias());

  analysed(program.command("sensitivity").description("one-way sensitivity (tornado): each uncertain number from low to high, the ratio at each end, largest swing first"))
    .addHelpText("after", help(["sroi sensitivity models/eijsden.yaml --spread 20% -s current"]))
    .action(async (file: string, opts) => {
      const { sensitivityCommand } = await import("./commands/analysis.js");
      code = await sensitivityCommand(file, { ...opts, scenario: scenarios(opts.scenario), locale: langOf(opts) }, io);
    });

  analysed(program.command("breakeven").description("the value of one number at which each scenario's ratio reaches the target"))
    .requiredOption("--param <name>", "the number to solve for, e.g. hourly_rate")
    .option("--target <ratio>", "the ratio to reach", "1")
    .addHelpText("after", help(["sroi breakeven models/eijsden.yaml --param hourly_rate"]))
    .action(async (file: string, opts) => {
      const { breakevenCommand } = await import("./commands/analysis.js");
      code = await breakevenCommand(file, { ...opts, scenario: scenarios(opts.scenario), locale: langOf(opts) }, io);
    });

  analysed(program.command("simulate").description("Monte Carlo over the declared distributions (and --spread): mean, median, P5, P95 and P(ratio > 1)"))
    .option("--iterations <n>", "number of draws", "10000")
    .option("--seed <n>", "random seed (the same seed repeats the same numbers)", "1")
    .option("--target <ratio>", "also give the probability that the ratio exceeds this")
    .addHelpText("after", help(["sroi simulate models/eijsden.yaml --spread 20% --iterations 100000 --seed 7 --target 3"]))
    .action(async (file: string, opts) => {
      const { simulateCommand } = await import("./commands/analysis.js");
      code = await simulateCommand(file, { ...opts, scenario: scenarios(opts.scenario), locale: langOf(opts) }, io);
    });

  analysed(program.command("split").description("a funding key: the inputs shared over the stakeholders with financial benefits, each funder's share and ratio"))
    .option("--key <key>", "proportional (to financial benefits), equal, or model (as the model allocates)", "proportional")
    .addHelpText("after", help(["sroi split models/eijsden.yaml --key proportional -f json"]))
    .action(async (file: string, opts) => {
      const { splitCommand } = await import("./commands/analysis.js");
      code = await splitCommand(file, { ...opts, scenario: scenarios(opts.scenario), locale: langOf(opts) }, io);
    });

  program
    .command("schema")
    .description("print the JSON Schema of model files (or library files), for editors")
    .argument("[kind]", "model or library", "model")
    .addHelpText("after", help(["sroi schema > schema/model.schema.json", "sroi schema library"]))
    .action(async (kind: string) => {
      const { schemaCommand } = await import("./commands/schema.js");
      code = schemaCommand(kind, io);
    });

  program
    .command("migrate")
    .description("print a model in the current language form (deprecated forms rewritten); the file is not changed")
    .argument("<file>", "model file")
    .addHelpText("after", "\nExample:\n  sroi migrate models/old.yaml > models/old.new.yaml")
    .action(async (file: string) => {
      const { migrateCommand } = await import("./commands/migrate.js");
      code = migrateCommand(file, io);
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; wrong usage exits 2 (commander has printed the message).
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError || err instanceof FormatError) {
      // A format error names its command already ("sroi check has no format ...").
      io.err(err instanceof FormatError ? `${err.message}\n` : `sroi: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  return code;
}

/** Entry point for bin/sroi. */
export async function main(argv: string[]): Promise<void> {
  const code = await run(argv);
  process.exitCode = code;
}
