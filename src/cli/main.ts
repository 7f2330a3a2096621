// The command line: parse arguments, call the library, print, exit. Commands are imported only when
// they run, so `sroi --help` stays fast.
import { Command, CommanderError, Option } from "commander";
import { createRequire } from "node:module";
import { UsageError } from "./exit.js";
import { processIo, type Io } from "./io.js";
import { FORMATS } from "../render/formats.js";

const require = createRequire(import.meta.url);
const { version } = require("../../package.json") as { version: string };


export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const program = new Command()
    .name("sroi")
    .description("Run social return on investment (SROI) and social cost-benefit (MKBA) models written in YAML.")
    .version(version)
    .showHelpAfterError("(run sroi --help for usage)")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  const locale = new Option("--locale <locale>", "number notation in tables").choices(["nl", "en"]).default("nl");

  program
    .command("run")
    .description("run models and print their tables (inputs, benefits, ratios); several models end with a summary")
    .argument("<paths...>", "model files, folders of models, or globs")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table"))
    .option("-s, --scenario <id...>", "only these scenarios")
    .option("--save <dir>", "also write each model's JSON result to <dir>/<model id>.json (for sroi diff)")
    .option("--summary", "with several models, print only the summary table")
    .addOption(locale)
    .action(async (paths: string[], opts) => {
      const { runCommand } = await import("./commands/run.js");
      code = runCommand(paths, opts, io);
    });

  program
    .command("validate")
    .description("check models without printing their results; every problem as file:line:col  path  message")
    .argument("<paths...>", "model files, folders of models, or globs")
    .action(async (paths: string[]) => {
      const { validateCommand } = await import("./commands/validate.js");
      code = validateCommand(paths, io);
    });

  program
    .command("check")
    .description("run models and compare them with the published figures in fixtures/ (exit 1 when one no longer reproduces)")
    .argument("[paths...]", "model files or folders", ["models"])
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table"))
    .option("--fixtures <dir>", "folder with the published figures (default: fixtures/ next to the models folder)")
    .addOption(locale)
    .action(async (paths: string[], opts) => {
      const { checkCommand } = await import("./commands/check.js");
      code = checkCommand(paths, opts, io);
    });

  program
    .command("diff")
    .description("re-run models and show what moved against results saved with sroi run --save")
    .argument("<baseline>", "folder of saved results")
    .argument("[paths...]", "model files or folders", ["models"])
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table"))
    .option("--all", "list every figure, not only those that moved")
    .addOption(locale)
    .action(async (baseline: string, paths: string[], opts) => {
      const { diffCommand } = await import("./commands/diff.js");
      code = diffCommand(baseline, paths, opts, io);
    });

  program
    .command("figures")
    .description("list the named figures of a model's result (the names fixtures and checks use)")
    .argument("<file>", "model file")
    .option("--filter <text>", "only figures whose name contains this")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table"))
    .action(async (file: string, opts) => {
      const { figuresCommand } = await import("./commands/figures.js");
      code = figuresCommand(file, opts, io);
    });

  program
    .command("schema")
    .description("print the JSON Schema of model files (or library files), for editors")
    .argument("[kind]", "model or library", "model")
    .addHelpText("after", "\nExample:\n  sroi schema > schema/model.schema.json\n  sroi schema library")
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
    if (err instanceof UsageError) {
      io.err(`sroi: ${err.message}\n`);
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
