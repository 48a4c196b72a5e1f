import { writeFile } from "node:fs/promises";
import { writeOutputFile } from "../write-output-file.js";
import path from "node:path";
import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import type { RunItem } from "../../core/model/run-item.js";
import type { Run } from "../../core/model/run.js";
import { MAX_REPORT_RUNS } from "../../core/report/html/build-report-data.js";
import { renderHtmlReport, type HtmlReportInput, type HtmlReportRun } from "../../core/report/html/render-html-report.js";
import { chromiumPath, printPdf, requireChromium } from "../../engine/print-pdf.js";
import type { RunStore } from "../../store/run-store.js";
import { requireRun, withStore, type CliIo } from "../cli-context.js";
import { compareStoredRuns } from "../compare-stored-runs.js";
import { EXIT, exitCodeFor, worseExit, type ExitCode } from "../exit-codes.js";
import { judgeStoredRun } from "../stored-verdict.js";
import { formatCountOf } from "../../core/stats.js";

/**
 * `reports html RUN [RUN…] -o FILE [--pdf]`: one self-contained HTML page of a run, or of a
 * baseline and up to three runs each compared with it as `runs compare` compares them (the same
 * comparison, the same verdict). `--pdf` prints it beside FILE through headless Chromium. Exits
 * with the worst verdict's code, as `runs compare` and `reports ci` do.
 */
export function registerReportsHtmlCommand(reports: Command, io: CliIo, setExit: (code: ExitCode) => void): void {
  reports
    .command("html")
    .description("a self-contained HTML report of a run, or of a baseline and up to three runs compared with it; --pdf prints it too")
    .argument("<run>", "the run, or the baseline when more runs follow (id or a unique prefix)")
    .argument("[runs...]", "up to three runs to compare with the first")
    .requiredOption("-o, --output <file>", "HTML file to write")
    .option("--pdf", "also write the report as a PDF beside the HTML file (report.html → report.pdf), printed by headless Chromium")
    .action(async (baseId: string, ids: string[], flags: { output: string; pdf?: boolean }, command: Command) => {
      if (ids.length + 1 > MAX_REPORT_RUNS) {
        throw new UserError(
          `reports html takes a run and at most ${MAX_REPORT_RUNS - 1} more to compare with it, got ${ids.length + 1} runs; report fewer at once`,
        );
      }
      const output = path.resolve(io.cwd, flags.output);
      // Chromium opens a file:// page by its extension: a report named otherwise would never run
      // its script (and a .pdf name would hold HTML).
      if (!/\.html?$/i.test(output)) {
        throw new UserError(`-o ${flags.output}: name the HTML file with .html (the PDF of --pdf is written beside it as .pdf)`);
      }
      const pdf = flags.pdf === true ? pdfPathFor(output) : undefined;
      const executablePath = chromiumPath(io.env);
      // Before any work: a missing browser is known at once, and nothing is written.
      if (pdf !== undefined) await requireChromium(executablePath);
      await withStore(command, async (store) => {
        const runs = [await requireRun(store, baseId), ...(await Promise.all(ids.map((id) => requireRun(store, id))))];
        const input = await storedReportInput(store, runs, io.cwd);
        const html = renderHtmlReport(input);
        await writeOutputFile(output, `-o ${flags.output}`, (partial) => writeFile(partial, html));
        if (pdf !== undefined) {
          await writeOutputFile(pdf, `--pdf ${path.relative(io.cwd, pdf)}`, (partial) => printPdf(output, partial, { executablePath }));
        }
        const items = new Set(input.runs.flatMap(({ items }) => items.map((item) => item.item_id))).size;
        io.stderr.write(`wrote ${flags.output} (${runs.length} ${runs.length === 1 ? "run" : "runs"}, ${formatCountOf(items, "item")})\n`);
        if (pdf !== undefined) io.stderr.write(`wrote ${path.relative(io.cwd, pdf) || pdf} (PDF)\n`);
        const verdicts = input.runs.length === 1 ? [input.verdict!] : input.comparisons.map(({ verdict }) => verdict);
        setExit(verdicts.reduce<ExitCode>((worst, verdict) => worseExit(worst, exitCodeFor(verdict)), EXIT.pass));
      });
    });
}

/**
 * The report's input from the store: each run's items and annotations; with one run its verdict
 * alone, with more each later run compared with the first and judged (compareStoredRuns,
 * judgeStoredRun), so every verdict is the one `runs compare` gives. Runs of another experiment
 * than the first are refused (UserError) before anything is written.
 */
async function storedReportInput(store: RunStore, runs: readonly Run[], gitDir: string): Promise<HtmlReportInput> {
  const [baseline, ...candidates] = runs;
  const comparisons: HtmlReportInput["comparisons"] = [];
  for (const candidate of candidates) {
    const compared = await compareStoredRuns(store, baseline!, candidate, gitDir);
    const { verdict } = await judgeStoredRun(store, candidate, compared, undefined);
    comparisons.push({ comparison: compared.comparison, verdict });
  }
  const verdict = candidates.length === 0 ? (await judgeStoredRun(store, baseline!, undefined, undefined)).verdict : undefined;
  const reportRuns: HtmlReportRun[] = [];
  for (const run of runs) {
    const items: RunItem[] = [];
    for await (const item of store.runItems(run.id)) items.push(item);
    reportRuns.push({ run, items, annotations: await store.runAnnotations(run.id) });
  }
  return {
    runs: reportRuns,
    comparisons,
    ...(verdict !== undefined ? { verdict } : {}),
    generatedAt: new Date().toISOString(),
  };
}

/** report.html → report.pdf; a name without .html or .htm gets .pdf added. */
export function pdfPathFor(htmlPath: string): string {
  const extension = path.extname(htmlPath);
  return /^\.html?$/i.test(extension) ? htmlPath.slice(0, -extension.length) + ".pdf" : `${htmlPath}.pdf`;
}


