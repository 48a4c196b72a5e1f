import { createWriteStream } from "node:fs";
import { writeOutputFile } from "../write-output-file.js";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import type { RunItem } from "../../core/model/run-item.js";
import { exportRunItems } from "../../core/report/export-run.js";
import { importFormatOf } from "../../core/import/import-record.js";
import { renderCiReport } from "../../core/report/render-ci-report.js";
import { renderFailures } from "../../core/report/render-failures.js";
import { requireRun, withStore, type CliIo } from "../cli-context.js";
import { registerReportsHtmlCommand } from "./reports-html.js";
import { registerReportsWaitCommand } from "./reports-wait.js";
import { compareStoredRuns } from "../compare-stored-runs.js";
import { exitCodeFor, type ExitCode } from "../exit-codes.js";
import { judgeStoredRun } from "../stored-verdict.js";
import { checkConclusionOf } from "../../core/check-conclusion.js";
import { formatCountOf } from "../../core/stats.js";

const ARTIFACT_FORMATS = ["csv", "json", "jsonl", "junit", "arize"] as const;
type ArtifactFormat = (typeof ARTIFACT_FORMATS)[number];

export function registerReportsCommands(program: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  const reports = program.command("reports").description("failure reports, CI reports and exports of a run; waiting for a run to end");

  reports
    .command("failures")
    .description("every failed and errored item of a run, with the scorers' evidence")
    .argument("<run>", "run id (or a unique prefix)")
    .action(async (id: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const run = await requireRun(store, id);
        const failures: RunItem[] = [];
        for await (const item of store.runItems(run.id)) if (item.status !== "passed") failures.push(item);
        io.stdout.write(renderFailures(run, failures) + "\n");
      });
    });

  reports
    .command("ci")
    .description("a Markdown report of a run (and its comparison with a baseline) for CI summaries")
    .argument("<run>", "run id (or a unique prefix)")
    .option("--baseline <run>", "compare with this baseline run")
    .action(async (id: string, flags: { baseline?: string }, command: Command) => {
      await withStore(command, async (store) => {
        const run = await requireRun(store, id);
        const baseline = flags.baseline ? await requireRun(store, flags.baseline) : undefined;
        const compared = baseline ? await compareStoredRuns(store, baseline, run, io.cwd) : undefined;
        const comparison = compared?.comparison;
        const { verdict, gate } = await judgeStoredRun(store, run, compared, undefined);
        setExit(exitCodeFor(verdict));
        // The report ends with its newline: one more would take it past the comment limit it is fitted to.
        io.stdout.write(renderCiReport(run, verdict, comparison, { conclusion: checkConclusionOf(verdict.verdict, gate) }));
      });
    });

  reports
    .command("export")
    .description("write a run's items to a file: csv, json, jsonl, junit, or arize (the Arize run schema runs import reads)")
    .argument("<run>", "run id (or a unique prefix)")
    .requiredOption("--artifact-format <format>", "csv, json, jsonl, junit or arize (JSONL; CSV for a .csv file, a JSON array for .json)")
    .requiredOption("-o, --output <file>", "file to write")
    .action(async (id: string, flags: { artifactFormat: string; output: string }, command: Command) => {
      const format = parseArtifactFormat(flags.artifactFormat);
      await withStore(command, async (store) => {
        const run = await requireRun(store, id);
        // Annotations ride along in the formats that show them beside the scores.
        const annotations = format === "csv" || format === "json" || format === "jsonl" ? await store.runAnnotations(run.id) : [];
        const options = { annotations, arizeFile: importFormatOf(flags.output) ?? "jsonl" };
        await writeOutputFile(flags.output, `-o ${flags.output}`, (partial) =>
          pipeline(Readable.from(exportRunItems(run, store.runItems(run.id), format, options)), createWriteStream(partial)),
        );
        io.stderr.write(`wrote ${flags.output} (${format}, ${formatCountOf(run.summary?.total ?? (await store.runItemStatuses(run.id)).size, "item")})\n`);
      });
    });
  registerReportsHtmlCommand(reports, io, setExit);
  registerReportsWaitCommand(reports, io, setExit);
}

function parseArtifactFormat(value: string): ArtifactFormat {
  if ((ARTIFACT_FORMATS as readonly string[]).includes(value)) return value as ArtifactFormat;
  throw new UserError(`--artifact-format: "${value}" is not one of ${ARTIFACT_FORMATS.join(", ")}`);
}
