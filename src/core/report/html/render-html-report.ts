import { escapeXmlAttribute } from "../escape-xml.js";
import { buildReportData } from "./build-report-data.js";
import { contentSecurityPolicy } from "./content-security-policy.js";
import { embedJson } from "./embed-json.js";
import type { HtmlReportInput } from "./html-report-input.js";
import { DATA_ELEMENT_ID, REPORT_SCRIPT } from "./page/report-script.js";
import { REPORT_SKELETON } from "./page/report-skeleton.js";
import { REPORT_STYLE } from "./page/report-style.js";

export type { HtmlReportInput, HtmlReportRun } from "./html-report-input.js";

/**
 * One self-contained HTML page for a run or a comparison of up to four runs: verdicts, scorer
 * tables, charts and every item, with filters and search. It loads nothing (a strict
 * Content-Security-Policy allows only its own style and script, by hash), and the data travels
 * as JSON its script draws with text nodes only, so no output can run or load anything.
 * Pure and deterministic: the same input gives the same bytes. Throws an Error for an input
 * that breaks the HtmlReportInput contract.
 */
export function renderHtmlReport(input: HtmlReportInput): string {
  const data = buildReportData(input);
  const policy = contentSecurityPolicy(REPORT_STYLE, REPORT_SCRIPT);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXmlAttribute(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>evalgate report</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
${REPORT_SKELETON}
<script type="application/json" id="${DATA_ELEMENT_ID}">${embedJson(data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
