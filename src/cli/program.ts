import { Command, CommanderError } from "commander";
import { UnavailableError, UserError } from "../core/errors.js";
import type { CliIo } from "./cli-context.js";
import { registerReportsCommands } from "./commands/reports.js";
import { registerDatasetsCommands } from "./commands/datasets.js";
import { registerExperimentsCommands } from "./commands/experiments.js";
import { registerVariantsCommands } from "./commands/variants.js";
import { registerRunCommand } from "./commands/run.js";
import { registerRunsCommands } from "./commands/runs.js";
import { registerScoresCommands } from "./commands/scores.js";
import { registerStoreCommands } from "./commands/store-migrate.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

/** Runs one CLI invocation and returns its exit code; every error surfaces here, once. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode: ExitCode = EXIT.pass;
  const program = new Command()
    .name("evalgate")
    .description("Run experiments on LLM applications and agents, compare runs, gate pull requests.")
    .option("--config <file>", "config file", "evalgate.yml")
    .option("--store <dir|url>", "where runs are kept: a directory, github:OWNER/REPO[@BRANCH] or postgres://USER@HOST/DB (default: EVALGATE_STORE_URL, else .evalgate)")
    .option(
      "--allow-outside-project",
      "read a dataset or config file that resolves outside the project (the folder of the config file)",
    )
    .showHelpAfterError("(add --help for usage)")
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerRunCommand(program, io, (code) => (exitCode = code));
  registerRunsCommands(program, io, (code) => (exitCode = code));
  registerReportsCommands(program, io, (code) => (exitCode = code));
  registerScoresCommands(program, io);
  registerDatasetsCommands(program, io);
  registerExperimentsCommands(program, io);
  registerVariantsCommands(program, io);
  registerStoreCommands(program, io);
  for (const command of allCommands(program)) command.exitOverride();

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.pass : EXIT.usage;
    }
    if (error instanceof UserError) {
      io.stderr.write(`evalgate: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof UnavailableError) {
      io.stderr.write(`evalgate: ${error.message}\n`);
      return EXIT.incomplete;
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`evalgate: unexpected error: ${message}\n`);
    return EXIT.incomplete;
  }
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}
