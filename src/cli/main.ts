// The CLI proper; `index.ts` (the bundle's entry) imports it once Node is known to be new enough.
import { ignoreClosedReader } from "./ignore-closed-reader.js";
import { invocationDir } from "./invocation-dir.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./program.js";

ignoreClosedReader(process.stdout);
ignoreClosedReader(process.stderr);

// `npm run -s evalgate -- …` starts in the package root: run where the user typed it instead.
process.chdir(invocationDir(process.env, process.cwd()));

// Module scorers are user code running in this process: one that calls process.exit(0), or leaves
// a promise to reject or a timer to throw, must never end a command that has not finished with
// the exit code of a pass. Before runCli returns, any exit is "could not complete" (3).
let finished = false;
process.on("exit", (code) => {
  // 0 would read as a pass and 1 as a judged failure; 2 (usage) and 130 (a second Ctrl-C) stay.
  if (!finished && (code === EXIT.pass || code === EXIT.gateFailed || code === EXIT.noVerdict)) process.exitCode = EXIT.incomplete;
});
const crash = (error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`evalgate: unexpected error (a scorer module's stray promise or timer?): ${message}\n`);
  process.exit(EXIT.incomplete);
};
process.on("uncaughtException", crash);
process.on("unhandledRejection", crash);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
finished = true;
