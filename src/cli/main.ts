// The CLI proper; `index.ts` (the bundle's entry) imports it once Node is known to be new enough.
import { ignoreClosedReader } from "./ignore-closed-reader.js";
import { invocationDir } from "./invocation-dir.js";
import { runCli } from "./program.js";

ignoreClosedReader(process.stdout);
ignoreClosedReader(process.stderr);

// `npm run -s evalgate -- …` starts in the package root: run where the user typed it instead.
process.chdir(invocationDir(process.env, process.cwd()));

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
