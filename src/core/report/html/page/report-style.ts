/** Height of one collapsed item row in px: the list's script positions rows by it (virtualization). */
export const ROW_HEIGHT = 56;

/**
 * The page's one style sheet, allowed by its hash in the Content-Security-Policy. Colours follow
 * the system (prefers-color-scheme); print is always light. System fonts only: nothing is loaded.
 */
export const REPORT_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa; --hover: #eef1f4;
  --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --neutral: #59636e; --accent: #0969da;
  --added: #dafbe1; --removed: #ffebe9; --emph: #fff8c5;
  --s0: #0969da; --s1: #bc4c00; --s2: #8250df; --s3: #1a7f37;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23; --hover: #1f2630;
    --pass: #3fb950; --fail: #f85149; --error: #d29922; --neutral: #9198a1; --accent: #4493f8;
    --added: #1b4721; --removed: #5c1f1f; --emph: #3b2e05;
    --s0: #4493f8; --s1: #f0883e; --s2: #ab7df8; --s3: #3fb950;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif; }
main, .page-header, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
.page-header { padding-top: 20px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1rem; margin: 0 0 6px; overflow-wrap: anywhere; }
h4 { font-size: .95rem; margin: 14px 0 6px; }
p { margin: 6px 0; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.note { border-left: 3px solid var(--error); padding: 4px 10px; background: var(--panel); }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.verdicts { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); }
.verdict { border: 1px solid var(--border); border-left: 6px solid var(--neutral); border-radius: 6px; padding: 12px 14px; background: var(--panel); }
.verdict.pass { border-left-color: var(--pass); }
.verdict.fail { border-left-color: var(--fail); }
.verdict.inconclusive, .verdict.not_comparable { border-left-color: var(--error); }
.verdict-word { font-size: 1.6rem; font-weight: 700; letter-spacing: .02em; margin: 2px 0; }
.verdict.pass .verdict-word { color: var(--pass); }
.verdict.fail .verdict-word { color: var(--fail); }
.verdict.inconclusive .verdict-word, .verdict.not_comparable .verdict-word { color: var(--error); }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
.table-wrap { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.runs td, table.runs th { white-space: nowrap; }
table.runs td:nth-child(3) { white-space: normal; min-width: 8em; overflow-wrap: anywhere; }
tr.emph > * { background: var(--emph); font-weight: 600; }
.charts { display: grid; gap: 16px; grid-template-columns: 1fr; }
.chart { overflow-x: auto; }
.chart svg { display: block; max-width: none; }
.chart text { fill: var(--fg); font-size: 11px; font-family: inherit; }
.chart .axis { stroke: var(--border); }
.chart .grid { stroke: var(--border); stroke-dasharray: 2 3; }
.histograms { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 4px 0; font-size: .9rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
.s0 { fill: var(--s0); background: var(--s0); } .s1 { fill: var(--s1); background: var(--s1); }
.s2 { fill: var(--s2); background: var(--s2); } .s3 { fill: var(--s3); background: var(--s3); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.filters { display: flex; flex-wrap: wrap; gap: 6px; }
.filters button { font: inherit; font-size: .9rem; padding: 4px 10px; border: 1px solid var(--border); border-radius: 999px; background: var(--bg); color: var(--fg); cursor: pointer; }
.filters button[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #ffffff; }
.search { flex: 1 1 220px; min-width: 0; font: inherit; padding: 5px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); }
.shown-count { margin: 4px 0; font-size: .9rem; }
.list { position: relative; height: min(70vh, 760px); overflow-y: auto; border: 1px solid var(--border); border-radius: 6px; contain: strict; }
.list-spacer { position: relative; width: 100%; }
.row { position: absolute; left: 0; right: 0; border-bottom: 1px solid var(--border); background: var(--bg); }
.row-head { display: block; width: 100%; height: ${ROW_HEIGHT}px; padding: 6px 10px; border: 0; background: transparent; color: inherit; font: inherit; text-align: left; cursor: pointer; overflow: hidden; }
.row-head:hover { background: var(--hover); }
.row.open > .row-head { background: var(--panel); }
.row-line { display: flex; align-items: center; gap: 8px; white-space: nowrap; overflow: hidden; height: 22px; }
.row-id { font-family: var(--mono); font-size: .9rem; font-weight: 600; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.row-text { display: block; color: var(--muted); font-size: .85rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; height: 20px; margin-top: 2px; }
.chips { display: inline-flex; gap: 3px; flex: none; }
.chip { display: inline-block; min-width: 20px; padding: 0 4px; border-radius: 4px; font-size: .75rem; font-weight: 700; text-align: center; color: #ffffff; line-height: 18px; }
.chip.passed { background: var(--pass); } .chip.failed { background: var(--fail); } .chip.error { background: var(--error); }
.chip.absent { background: transparent; color: var(--muted); border: 1px dashed var(--border); line-height: 16px; }
.tag { flex: none; font-size: .75rem; padding: 0 6px; border-radius: 999px; border: 1px solid var(--border); line-height: 18px; }
.tag.regression { border-color: var(--fail); color: var(--fail); } .tag.fix { border-color: var(--pass); color: var(--pass); }
.tag.error, .tag.flaky { border-color: var(--error); color: var(--error); }
.detail { padding: 8px 12px 14px; border-top: 1px solid var(--border); }
.detail h4:first-child { margin-top: 4px; }
.pair { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); }
.outputs { display: grid; gap: 12px; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); }
.output h5 { margin: 0 0 4px; font-size: .85rem; overflow-wrap: anywhere; }
pre { margin: 0; padding: 8px; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; font: .82rem/1.45 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
pre.error-text { border-color: var(--error); }
ins.added { background: var(--added); text-decoration: none; }
del.removed { background: var(--removed); text-decoration: line-through; }
.cut { font-size: .8rem; color: var(--muted); margin: 2px 0 0; }
.status { font-weight: 600; }
.status.passed { color: var(--pass); } .status.failed { color: var(--fail); } .status.error { color: var(--error); }
table.scores { width: 100%; }
table.scores td { min-width: 180px; }
.evidence { font-size: .85rem; margin-top: 2px; overflow-wrap: anywhere; white-space: pre-wrap; }
details summary { cursor: pointer; font-size: .85rem; color: var(--muted); }
.annotations { margin: 0; padding-left: 20px; font-size: .9rem; overflow-wrap: anywhere; }
figure { margin: 0; }
.print-only { display: none; }
.print-item { break-inside: avoid-page; border: 1px solid var(--border); border-radius: 6px; margin: 10px 0; }
.print-item > h3 { margin: 0; padding: 6px 10px; background: var(--panel); }
footer { margin-top: 28px; padding-bottom: 24px; font-size: .85rem; color: var(--muted); }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main, .page-header, footer { padding: 0 10px; }
  .verdicts { grid-template-columns: 1fr; }
}
@media print {
  :root {
    color-scheme: light;
    --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
    --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --accent: #0969da; --added: #dafbe1; --removed: #ffebe9; --emph: #fff8c5;
    --s0: #0969da; --s1: #bc4c00; --s2: #8250df; --s3: #1a7f37;
  }
  body { font-size: 11pt; }
  .screen-only { display: none !important; }
  .print-only { display: block; }
  pre { max-height: none; overflow: visible; }
  .table-wrap { overflow: visible; }
  table.runs td, table.runs th, td.num, th.num { white-space: normal; }
  .chart { overflow: visible; }
  h2 { break-after: avoid-page; }
}
`;
