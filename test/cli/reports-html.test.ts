import { execFile } from "node:child_process";
import { access, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runItemId } from "../../src/core/model/ids.js";
import { openEmbeddedStore } from "../../src/store/open-store.js";
import { launchBrowser, openFile } from "../helpers/browser.js";
import { arithmeticDataset, makeWorkspace, runEvalgate } from "../helpers/cli.js";
import type { TargetServer } from "../helpers/target-server.js";
import { embeddedData } from "../core/report/html/html-report-fixture.js";
import { arithmeticConfig, startArithmeticTarget } from "./workspace-config.js";

const run = promisify(execFile);

/** Baseline (v1) gets items 3 and 4 wrong, the candidate (v2) items 5 and 6: two regressions, two fixes. */
let target: TargetServer;
let browser: Browser;
let cwd: string;
let baselineId: string;
let candidateId: string;

async function runOnce(version: string, name: string): Promise<string> {
  const result = await runEvalgate(["run", "arithmetic", "--target-url", `${target.url}/${version}`, "--name", name, "--format", "json"], { cwd });
  return (JSON.parse(result.stdout) as { id: string }[])[0]!.id;
}

beforeAll(async () => {
  target = await startArithmeticTarget({ wrongFor: { v1: ["item-3", "item-4"], v2: ["item-5", "item-6"] } });
  cwd = await makeWorkspace({
    "evalgate.yml": arithmeticConfig({ dataset: "items.jsonl", threshold: 0.8, maxRegressions: 0 }),
    "items.jsonl": arithmeticDataset(20),
  });
  baselineId = await runOnce("v1", "baseline");
  candidateId = await runOnce("v2", "candidate");
  const store = await openEmbeddedStore(path.join(cwd, ".evalgate"));
  try {
    await store.putAnnotations([
      {
        run_id: candidateId,
        run_item_id: runItemId(candidateId, "item-5"),
        item_id: "item-5",
        name: "correct",
        kind: "label",
        value: "off by one",
        note: "the target adds one",
        author: "reviewer@example.com",
        updated_at: "2026-11-28T10:00:00.000Z",
      },
    ]);
  } finally {
    await store.close();
  }
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await target?.close();
  await browser?.close();
});

describe("evalgate reports html", () => {
  it("writes a comparison with the verdict of runs compare, and its PDF beside it", async () => {
    const result = await runEvalgate(["reports", "html", baselineId, candidateId, "-o", "report.html", "--pdf"], { cwd });
    expect(result.stderr).toBe("wrote report.html (2 runs, 20 items)\nwrote report.pdf (PDF)\n");
    expect(result.code).toBe(1);
    const compared = await runEvalgate(["runs", "compare", baselineId, candidateId, "--format", "json"], { cwd });
    const { verdict } = JSON.parse(compared.stdout) as { verdict: { verdict: string; reasons: string[] } };
    const data = embeddedData(await readFile(path.join(cwd, "report.html"), "utf8"));
    expect(data.verdicts).toHaveLength(1);
    expect(data.verdicts[0]).toMatchObject({ verdict: verdict.verdict, word: "FAIL", reasons: verdict.reasons });
    expect(data.items.filter((item) => item.tags.includes("regression")).map((item) => item.id)).toEqual(["item-5", "item-6"]);
    expect(data.items.filter((item) => item.tags.includes("fix")).map((item) => item.id)).toEqual(["item-3", "item-4"]);

    const info = await run("pdfinfo", [path.join(cwd, "report.pdf")]);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it("shows the annotations stored for a run item beside its scores", async () => {
    await runEvalgate(["reports", "html", baselineId, candidateId, "-o", "annotated.html"], { cwd });
    const { page, record, context } = await openFile(browser, path.join(cwd, "annotated.html"), { hash: "#item-item-5" });
    await expect(page.locator(".row.open .annotations").textContent()).resolves.toBe(
      "candidate · candidate: correct = off by one — the target adds one (reviewer@example.com)",
    );
    await expect(page.locator("#annotation-tables").textContent()).resolves.toContain("off by one ×1");
    expect(record.problems).toEqual([]);
    expect(record.requests).toHaveLength(1);
    await context.close();
  });

  it("reports one run with its own verdict, and up to four runs each against the first", async () => {
    const single = await runEvalgate(["reports", "html", candidateId, "-o", "run.html"], { cwd });
    expect(single.code).toBe(0);
    const runData = embeddedData(await readFile(path.join(cwd, "run.html"), "utf8"));
    expect(runData.verdicts.map(({ word, title }) => [word, title])).toEqual([["PASS", candidateId]]);

    const three = await runEvalgate(["reports", "html", baselineId, candidateId, baselineId, "-o", "three.html"], { cwd });
    expect(three.code).toBe(1);
    const threeData = embeddedData(await readFile(path.join(cwd, "three.html"), "utf8"));
    expect(threeData.runs.map(({ role }) => role)).toEqual(["baseline", "candidate 1", "candidate 2"]);
    expect(threeData.verdicts.map(({ word }) => word)).toEqual(["FAIL", "PASS"]);

    const five = await runEvalgate(["reports", "html", baselineId, candidateId, baselineId, candidateId, baselineId, "-o", "five.html"], { cwd });
    expect(five.code).toBe(2);
    expect(five.stderr).toContain("reports html takes a run and at most 3 more to compare with it, got 5 runs");
    await expect(access(path.join(cwd, "five.html"))).rejects.toThrow();
  });

  it("exits 2 with how to install Chromium when --pdf finds none, writing nothing", async () => {
    const missing = path.join(cwd, "no-such-chromium");
    const result = await runEvalgate(["reports", "html", baselineId, candidateId, "-o", "nopdf.html", "--pdf"], {
      cwd,
      env: { EVALGATE_CHROMIUM: missing },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no runnable Chromium at ${missing}: install it (Debian or Ubuntu: apt-get install -y chromium)`);
    expect((await readdir(cwd)).filter((name) => name.startsWith("nopdf"))).toEqual([]);
  });

  it("refuses an unknown run, writing nothing", async () => {
    const result = await runEvalgate(["reports", "html", baselineId, "run-nope", "-o", "unknown.html"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no run "run-nope" in this store');
    expect((await readdir(cwd)).filter((name) => name.startsWith("unknown"))).toEqual([]);
  });
});
