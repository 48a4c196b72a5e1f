import { execFile } from "node:child_process";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.js";
import { renderHtmlReport } from "../../src/core/report/html/render-html-report.js";
import { chromiumPath, DEFAULT_CHROMIUM, printPdf } from "../../src/engine/print-pdf.js";
import { buildHtmlReportInput } from "../core/report/html/html-report-fixture.js";

const run = promisify(execFile);

describe("printPdf", () => {
  it("prints the report through headless Chromium: pages with the verdict and the items to look at", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-pdf-"));
    const html = path.join(dir, "report.html");
    const pdf = path.join(dir, "report.pdf");
    await writeFile(html, renderHtmlReport(await buildHtmlReportInput({ runs: 2, items: 40 })));
    await printPdf(html, pdf, { executablePath: chromiumPath(process.env) });
    const info = await run("pdfinfo", [pdf]);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1])).toBeGreaterThanOrEqual(1);
    const text = (await run("pdftotext", ["-layout", pdf, "-"])).stdout;
    expect(text).toContain("FAIL");
    expect(text).toContain("Items to look at");
    expect(text).toContain("item-00001");
    // Nothing half-written is left beside it.
    expect((await readdir(dir)).sort()).toEqual(["report.html", "report.pdf"]);
  });

  it("refuses a missing browser with how to install one, and never downloads one", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-pdf-"));
    const html = path.join(dir, "report.html");
    await writeFile(html, "<!doctype html><title>x</title>");
    const missing = path.join(dir, "no-chromium");
    const printing = printPdf(html, path.join(dir, "report.pdf"), { executablePath: missing });
    await expect(printing).rejects.toBeInstanceOf(UserError);
    await expect(printing).rejects.toThrow(`no runnable Chromium at ${missing}: install it (Debian or Ubuntu: apt-get install -y chromium) or set EVALGATE_CHROMIUM`);
    expect(await readdir(dir)).toEqual(["report.html"]);
  });

  it("prints with EVALGATE_CHROMIUM when set, else Debian's Chromium", () => {
    expect(chromiumPath({ EVALGATE_CHROMIUM: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
    expect(chromiumPath({ EVALGATE_CHROMIUM: " " })).toBe(DEFAULT_CHROMIUM);
    expect(chromiumPath({})).toBe("/usr/bin/chromium");
  });
});
