import { SCRIPT_DOM } from "./script-dom.js";
import { SCRIPT_ITEM_DETAIL } from "./script-item-detail.js";
import { SCRIPT_ITEM_LIST } from "./script-item-list.js";
import { SCRIPT_ITEM_NAVIGATION } from "./script-item-navigation.js";
import { SCRIPT_PRINT } from "./script-print.js";
import { SCRIPT_SUMMARY } from "./script-summary.js";
import { ROW_HEIGHT } from "./report-style.js";

/** The id of the `<script type="application/json">` block the page script reads its data from. */
export const DATA_ELEMENT_ID = "report-data";

/**
 * The page's one script, allowed by its hash in the Content-Security-Policy. It reads the
 * embedded JSON, draws the report with text nodes only, and marks `<html data-ready="true">`
 * when the first screen is drawn (what the PDF printer and the tests wait for).
 */
export const REPORT_SCRIPT = [
  "(function () {",
  '"use strict";',
  `var ROW_HEIGHT = ${ROW_HEIGHT};`,
  `var data = JSON.parse(document.getElementById(${JSON.stringify(DATA_ELEMENT_ID)}).textContent);`,
  SCRIPT_DOM,
  SCRIPT_SUMMARY,
  SCRIPT_ITEM_DETAIL,
  SCRIPT_ITEM_LIST,
  SCRIPT_ITEM_NAVIGATION,
  SCRIPT_PRINT,
  "renderSummary();",
  "setUpList();",
  'if (window.matchMedia("print").matches) renderPrintItems();',
  'window.addEventListener("beforeprint", renderPrintItems);',
  'document.documentElement.setAttribute("data-ready", "true");',
  "})();",
].join("\n");
