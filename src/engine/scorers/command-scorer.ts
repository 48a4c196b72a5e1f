import { z } from "zod";
import { CommandTargetSchema } from "../../core/config/schema.js";
import { defineScorer, type ScorerInput } from "../../core/scorers/scorer.js";
import { exitText, failureText, parseAnswer } from "../targets/command.js";
import { runProcess } from "../targets/run-process.js";
import { CustomScorerFields, customScorerOutcome, customScorerRequest } from "./custom-scorer-contract.js";
import { commandWords } from "../targets/command-words.js";

/** After SIGTERM on timeout, a scorer process gets this long to exit before SIGKILL. */
const KILL_GRACE_MS = 2_000;

const RUN_HINT = 'write the program to run, e.g. run: "python3 evals/score.py"';

const CommandScorerConfigSchema = z.strictObject({
  /** A program and its arguments (no shell), or one string split on spaces, as the command target's. */
  run: CommandTargetSchema.shape.command.refine((run) => (typeof run === "string" ? run.trim() !== "" : true), {
    error: RUN_HINT,
  }),
  env: CommandTargetSchema.shape.env,
  ...CustomScorerFields,
});

const NEVER_ABORTED = new AbortController().signal;

export const commandScorer = defineScorer({
  name: "command",
  description:
    "A scorer in any language: one process per item, run from the config file's folder, the item and " +
    "output as JSON on stdin, { score, passed?, reason?, evidence? } as JSON on stdout (the last line, so " +
    "it may log before). A timeout or a non-zero exit is this scorer's error on the item, with stderr's tail.",
  configSchema: CommandScorerConfigSchema,
  create(config, services) {
    const [program = "", ...args] = commandWords(config.run, `${services.path}.config.run`);
    const env = { ...process.env, ...config.env };
    const shown = `command scorer "${typeof config.run === "string" ? config.run.trim() : config.run.join(" ")}"`;
    // A scorer program's failure repeats when run again, unlike a network call: no retries.
    return async (input: ScorerInput) => {
      const outcome = await runProcess({
        program,
        args,
        cwd: services.configDir,
        env,
        stdin: `${JSON.stringify(customScorerRequest(input))}\n`,
        timeoutMs: config.timeout,
        killGraceMs: KILL_GRACE_MS,
        signal: input.signal ?? NEVER_ABORTED,
      });
      switch (outcome.kind) {
        case "timeout":
          throw new Error(`timed out after ${config.timeout} ms`);
        case "failed":
          throw new Error(failureText(outcome, program, services.configDir));
        case "exited": {
          if (outcome.code !== 0) throw new Error(exitText(outcome));
          const answer = parseAnswer(outcome.stdout);
          if (answer.error !== undefined) throw new Error(answer.error);
          return customScorerOutcome(answer.json, { scorer: shown, threshold: config.threshold });
        }
      }
    };
  },
});
