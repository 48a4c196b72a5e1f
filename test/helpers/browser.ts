import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromiumPath, launchChromium } from "../../src/engine/print-pdf.js";

/**
 * One headless Chromium for a test file (Debian's /usr/bin/chromium, or EVALGATE_CHROMIUM),
 * without its sandbox when the tests run as root: launch in beforeAll, close in afterAll.
 */
export function launchBrowser(): Promise<Browser> {
  return launchChromium(chromiumPath(process.env));
}

/** What a page did while a test looked at it. */
export interface PageRecord {
  /** Every request the page made, the document itself included. */
  requests: string[];
  /** Console messages of type error or warning, and uncaught page errors. */
  problems: string[];
  /** Messages of every alert, confirm or prompt the page opened. */
  dialogs: string[];
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  record: PageRecord;
}

export interface OpenOptions {
  colorScheme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** Appended to the file URL: "#item-…". */
  hash?: string;
  /** Waits for the page's data-ready mark (default true). */
  waitReady?: boolean;
}

/** Opens `file` (an absolute path) from file:// in a fresh context, recording requests, console problems and dialogs. */
export async function openFile(browser: Browser, file: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1000, height: 900 },
  });
  const page = await context.newPage();
  const record: PageRecord = { requests: [], problems: [], dialogs: [] };
  page.on("request", (request) => record.requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") record.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => record.problems.push(`pageerror: ${error.message}`));
  page.on("dialog", (dialog) => {
    record.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${pathToFileURL(file).href}${options.hash ?? ""}`);
  if (options.waitReady !== false) await page.waitForSelector("html[data-ready=true]", { state: "attached" });
  return { page, context, record };
}
