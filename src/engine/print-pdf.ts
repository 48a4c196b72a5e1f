import { constants } from "node:fs";
import { access, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { UserError } from "../core/errors.js";

/** Debian's Chromium (`apt-get install chromium`): the browser evalgate prints with unless told otherwise. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** How long a report may take to draw itself before printing: a 10,000-item page needs a few seconds. */
const READY_TIMEOUT_MS = 120_000;

/** The Chromium to launch: `EVALGATE_CHROMIUM` when set, else Debian's. */
export function chromiumPath(env: Record<string, string | undefined>): string {
  const chosen = env.EVALGATE_CHROMIUM?.trim();
  return chosen !== undefined && chosen !== "" ? chosen : DEFAULT_CHROMIUM;
}

/**
 * Throws UserError (exit 2) when no runnable file is at `executablePath`, saying how to install
 * Chromium: evalgate never downloads a browser.
 */
export async function requireChromium(executablePath: string): Promise<void> {
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new UserError(
      `--pdf prints with Chromium, and there is no runnable Chromium at ${executablePath}: install it ` +
        "(Debian or Ubuntu: apt-get install -y chromium) or set EVALGATE_CHROMIUM to a Chromium or Chrome binary",
    );
  }
}

/**
 * Launches headless Chromium at `executablePath` through playwright-core, never a browser of
 * Playwright's own. As root Chromium refuses its sandbox, so it runs without (the page it opens
 * is our own report, whose policy lets it load nothing). Throws UserError when the browser is
 * missing or does not start.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  await requireChromium(executablePath);
  const { chromium } = await loadPlaywright();
  try {
    return await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ["--no-sandbox"] : [] });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UserError(`Chromium at ${executablePath} did not start (${reason}); set EVALGATE_CHROMIUM to another Chromium or Chrome binary`);
  }
}

/**
 * playwright-core, loaded only for --pdf: it is large, most commands never need it, and the
 * bundled CLI keeps it outside the bundle (it reads its own package files at run time), so an
 * installation may lack it. Throws UserError saying how to add it.
 */
async function loadPlaywright(): Promise<typeof import("playwright-core")> {
  try {
    // webpackIgnore keeps this import lazy in the bundle: ncc otherwise hoists an external's dynamic
    // import to a static one, and every command loaded playwright-core at start-up (+0.07 s CPU,
    // +11 MB peak RSS for `evalgate --version`).
    return await import(/* webpackIgnore: true */ "playwright-core");
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UserError(`--pdf drives Chromium with the playwright-core package, which could not be loaded (${reason}); install it: npm install playwright-core`);
  }
}

/**
 * Prints the HTML report at `htmlFile` to `pdfFile` (A4, backgrounds on), as the page's print
 * style lays it out: summary, charts, and the items to look at in full. The page is opened from
 * its file with every other request refused. The caller writes `pdfFile` beside its target and
 * renames it (cli/write-output-file.ts), so a failure leaves no half-written file.
 */
export async function printPdf(htmlFile: string, pdfFile: string, options: { executablePath: string }): Promise<void> {
  const browser = await launchChromium(options.executablePath);
  try {
    const context = await browser.newContext();
    await context.route(/^(?!file:)/, (route) => route.abort());
    const page = await context.newPage();
    await page.emulateMedia({ media: "print", colorScheme: "light" });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: "load" });
    await page.waitForSelector("html[data-ready=true]", { state: "attached", timeout: READY_TIMEOUT_MS });
    const pdf = await page.pdf({ format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
    await writeFile(pdfFile, pdf);
  } finally {
    await browser.close();
  }
}
