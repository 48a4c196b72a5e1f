import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../../../src/core/report/html/render-html-report.js";
import { launchBrowser, openFile } from "../../../helpers/browser.js";
import { buildHtmlReportInput, HOSTILE_ITEM_ID, isFlakyIn, itemIdOf, outcomeOf } from "./html-report-fixture.js";

/** Screenshots for a person to look at (test-output/ is ignored by git). */
const SCREENSHOTS = fileURLToPath(new URL("../../../../test-output/html/", import.meta.url));
const ITEMS = 60;

let browser: Browser;
let dir: string;
let runFile: string;
let comparisonFile: string;
let hostileFile: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(path.join(os.tmpdir(), "evalgate-html-"));
  await mkdir(SCREENSHOTS, { recursive: true });
  runFile = path.join(dir, "run.html");
  comparisonFile = path.join(dir, "comparison.html");
  hostileFile = path.join(dir, "hostile.html");
  await writeFile(runFile, renderHtmlReport(await buildHtmlReportInput({ runs: 1, items: ITEMS })));
  await writeFile(comparisonFile, renderHtmlReport(await buildHtmlReportInput({ runs: 2, items: ITEMS })));
  await writeFile(hostileFile, renderHtmlReport(await buildHtmlReportInput({ runs: 3, items: 10, hostile: true })));
});
afterAll(async () => browser?.close());

const ids = Array.from({ length: ITEMS }, (_, i) => i);
/** What the fixture's rule makes of the two-run comparison, counted apart from the page. */
const expected = {
  regression: ids.filter((i) => !isFlakyIn(1, 2, i) && outcomeOf(0, i) === "passed" && outcomeOf(1, i) !== "passed").length,
  fix: ids.filter((i) => !isFlakyIn(1, 2, i) && outcomeOf(0, i) !== "passed" && outcomeOf(1, i) === "passed").length,
  error: ids.filter((i) => outcomeOf(1, i) === "error").length,
  failed: ids.filter((i) => outcomeOf(0, i) !== "passed" || outcomeOf(1, i) !== "passed").length,
};

const shownCount = (page: Page) => page.locator("#shown-count").textContent();
// Page code is passed as text: the test project has no DOM types.
const isPwned = (page: Page) => page.evaluate("window.__pwned");

describe("the HTML report in Chromium", () => {
  it("loads from file:// with no console error or warning and no request but its own file", async () => {
    for (const file of [runFile, comparisonFile, hostileFile]) {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page, record, context } = await openFile(browser, file, { colorScheme });
        await page.locator(".row-head").first().waitFor();
        await page.locator(".row-head").first().click();
        await page.waitForTimeout(50);
        expect(record.requests).toEqual([pathToFileURL(file).href]);
        expect(record.problems).toEqual([]);
        await context.close();
      }
    }
  });

  it("writes screenshots of the run and comparison views, light and dark, and at phone width", async () => {
    for (const [name, file, open] of [
      ["run", runFile, itemIdOf(3)],
      ["comparison", comparisonFile, itemIdOf(8)],
    ] as const) {
      for (const colorScheme of ["light", "dark"] as const) {
        const { page, context } = await openFile(browser, file, { colorScheme });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
        await page.goto(`${pathToFileURL(file).href}#item-${open}`);
        await page.locator(".row.open .detail").waitFor();
        await page.locator("#items").screenshot({ path: path.join(SCREENSHOTS, `${name}-item-${colorScheme}.png`) });
        await context.close();
      }
    }
    const { page, context } = await openFile(browser, comparisonFile, { viewport: { width: 390, height: 844 } });
    // Nothing sticks out sideways: wide tables and charts scroll inside their own boxes.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, "comparison-phone.png"), fullPage: true });
    await context.close();
  });

  it("shows the baseline and candidate verdict, tables and charts of a comparison", async () => {
    const { page, context } = await openFile(browser, comparisonFile);
    await expect(page.locator(".verdict .verdict-word").textContent()).resolves.toBe("FAIL");
    await expect(page.locator(".verdict").textContent()).resolves.toContain(`${expected.regression} regressions exceed the maximum 0`);
    expect(await page.locator("table.runs tbody tr").count()).toBe(2);
    // Bars: all items, equals and tone, for each of the two runs.
    expect(await page.locator("#pass-rate-chart rect").count()).toBe(6);
    expect(await page.locator("#latency-charts svg").count()).toBe(2);
    await context.close();
  });
});

describe("filters and search", () => {
  it("each filter shows its items, with the count on its button and above the list", async () => {
    const { page, context } = await openFile(browser, comparisonFile);
    expect(await shownCount(page)).toBe(`Showing ${ITEMS} of ${ITEMS} items`);
    for (const [filter, word, count] of [
      ["regression", "Regressions", expected.regression],
      ["fix", "Fixes", expected.fix],
      ["error", "Errors", expected.error],
      ["failed", "Failed", expected.failed],
    ] as const) {
      const button = page.locator(`#filters button[data-filter="${filter}"]`);
      await expect(button.textContent()).resolves.toBe(`${word} (${count})`);
      await button.click();
      await expect(button.getAttribute("aria-pressed")).resolves.toBe("true");
      expect(await shownCount(page)).toBe(`Showing ${count} of ${ITEMS} items · ${word.toLowerCase()}`);
      // The rows drawn (those in view) are all of the filter's items.
      const rows = await page.locator(".row").count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(count);
      if (filter === "regression" || filter === "fix" || filter === "error") expect(await page.locator(`.row .tag.${filter}`).count()).toBe(rows);
    }
    await context.close();
  });

  it("the search finds items by id and by input or output text, with any filter", async () => {
    const { page, context } = await openFile(browser, comparisonFile);
    const search = async (text: string) => {
      await page.fill("#search", text);
      await page.press("#search", "Enter");
      return shownCount(page);
    };
    expect(await search(itemIdOf(42))).toBe(`Showing 1 of ${ITEMS} items · matching “${itemIdOf(42)}”`);
    await expect(page.locator(".row .row-id").textContent()).resolves.toBe(itemIdOf(42));
    // Inputs: "… on day 27." for items 27 and 55; the search ignores case.
    expect(await search("ON DAY 27.")).toMatch(/^Showing 2 of /);
    // Outputs: a failed item answers "has not shipped".
    const failedAnswers = ids.filter((i) => outcomeOf(0, i) === "failed" || outcomeOf(1, i) === "failed").length;
    expect(await search("has not shipped")).toMatch(new RegExp(`^Showing ${failedAnswers} of `));
    await page.locator('#filters button[data-filter="regression"]').click();
    const both = ids.filter((i) => outcomeOf(0, i) === "passed" && outcomeOf(1, i) === "failed" && !isFlakyIn(1, 2, i)).length;
    expect(await shownCount(page)).toBe(`Showing ${both} of ${ITEMS} items · regressions · matching “has not shipped”`);
    expect(await search("no such text anywhere")).toMatch(/^Showing 0 of /);
    await expect(page.locator("#list-empty").isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("works from the keyboard: filters are buttons, arrows move between items, Enter opens one", async () => {
    const { page, context } = await openFile(browser, comparisonFile);
    await page.focus('#filters button[data-filter="fix"]');
    await page.keyboard.press("Enter");
    expect(await shownCount(page)).toMatch(new RegExp(`^Showing ${expected.fix} of `));
    await page.focus('#filters button[data-filter="all"]');
    await page.keyboard.press("Space");
    await page.locator(".row-head").first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.locator(".row-head:focus .row-id").textContent()).resolves.toBe(itemIdOf(1));
    await page.keyboard.press("Enter");
    await expect(page.locator(".row.open .row-id").textContent()).resolves.toBe(itemIdOf(1));
    await expect(page.locator(".row.open .row-head").getAttribute("aria-expanded")).resolves.toBe("true");
    await page.keyboard.press("End");
    await expect(page.locator(".row-head:focus .row-id").textContent()).resolves.toBe(itemIdOf(ITEMS - 1));
    await context.close();
  });

  it("#item-<id> opens that item, showing every item again when a filter hid it", async () => {
    const { page, context } = await openFile(browser, comparisonFile, { hash: `#item-${itemIdOf(8)}` });
    await expect(page.locator(".row.open .row-id").textContent()).resolves.toBe(itemIdOf(8));
    // Item 8 regressed: "Order 8 shipped on Monday. …" became "Order 8 has not shipped yet, sorry. …",
    // side by side, the words only the baseline has marked in its column, the new ones in the candidate's.
    await expect(page.locator(".row.open .outputs del.removed").allTextContents()).resolves.toEqual(["on", "Monday"]);
    await expect(page.locator(".row.open .outputs ins.added").allTextContents()).resolves.toEqual(["has not ", "yet,", "sorry"]);
    await expect(page.locator(".row.open .outputs pre").first().textContent()).resolves.toBe("Order 8 shipped on Monday. Thanks for waiting!");
    await expect(page.locator(".row.open .outputs pre").nth(1).textContent()).resolves.toBe("Order 8 has not shipped yet, sorry. Thanks for waiting!");
    await expect(page.locator(".row.open table.scores").textContent()).resolves.toContain('expected "order 8 shipped", got a different answer');
    await page.locator('#filters button[data-filter="fix"]').click();
    await page.evaluate(`location.hash = "#item-${itemIdOf(2)}"`);
    await expect(page.locator(".row.open .row-id").textContent()).resolves.toBe(itemIdOf(2));
    expect(await shownCount(page)).toBe(`Showing ${ITEMS} of ${ITEMS} items`);
    await context.close();
  });
});

describe("hostile outputs", () => {
  it("run nothing, open no dialog and are shown as text, in the list, the item, the tables and the print view", async () => {
    const { page, record, context } = await openFile(browser, hostileFile, { hash: "#item-item-hostile" });
    await page.locator(".row.open .detail").waitFor();
    await expect(page.locator(".row.open .outputs").textContent()).resolves.toContain("</script><script>window.__pwned=1</script>");
    await expect(page.locator(".row.open .outputs").textContent()).resolves.toContain('<img src=x onerror="window.__pwned=1">');
    await expect(page.locator("table.runs").textContent()).resolves.toContain('<img src=x onerror="window.__pwned=1">');
    // The row of the item whose id is markup, opened and followed by its own link.
    await page.fill("#search", 'x"><img');
    await page.press("#search", "Enter");
    await page.locator(".row-head").first().click();
    const link = page.locator(".row.open .detail a");
    await expect(link.getAttribute("href")).resolves.toBe(`#item-${encodeURIComponent(HOSTILE_ITEM_ID)}`);
    await link.click();
    await expect(page.locator(".row.open .row-id").textContent()).resolves.toBe(HOSTILE_ITEM_ID);
    await page.emulateMedia({ media: "print" });
    await page.reload();
    await page.waitForSelector("html[data-ready=true]", { state: "attached" });
    await expect(page.locator("#print-items").textContent()).resolves.toContain("</script><script>window.__pwned=1</script>");

    expect(await isPwned(page)).toBeUndefined();
    expect(record.dialogs).toEqual([]);
    expect(record.problems).toEqual([]);
    const elements = (await page.evaluate(`({
      scripts: document.querySelectorAll("script").length,
      embedded: document.querySelectorAll("img, iframe, object, embed, frame, link, base, form").length,
      handlers: [...document.querySelectorAll("*")].filter((node) => [...node.attributes].some((attribute) => /^on/i.test(attribute.name))).length,
      links: [...document.querySelectorAll("a")].map((anchor) => anchor.getAttribute("href") ?? ""),
    })`)) as { scripts: number; embedded: number; handlers: number; links: string[] };
    expect(elements.scripts).toBe(2);
    expect(elements.embedded).toBe(0);
    expect(elements.handlers).toBe(0);
    expect(elements.links.every((href) => href.startsWith("#item-"))).toBe(true);
    await context.close();
  });
});

describe("the Content-Security-Policy", () => {
  it("blocks the page's script once a single character of it changes, so the hashes are what let it run", async () => {
    const tampered = path.join(dir, "tampered.html");
    const html = renderHtmlReport(await buildHtmlReportInput({ runs: 2, items: 5 }));
    await writeFile(tampered, html.replace('"use strict";', '"use strict"; window.__tampered = 1;'));
    const { page, record, context } = await openFile(browser, tampered, { waitReady: false });
    await expect.poll(() => record.problems.join("\n")).toMatch(/Content Security Policy/);
    expect(await page.evaluate("window.__tampered")).toBeUndefined();
    expect(await page.locator("html[data-ready]").count()).toBe(0);
    expect(await page.locator(".row").count()).toBe(0);
    await context.close();
  });
});
