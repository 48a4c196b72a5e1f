/** The page script's summary: verdicts, runs, notes, tables and the charts (inline SVG). */
export const SCRIPT_SUMMARY = String.raw`
function renderSummary() {
  document.title = data.title;
  byId("title").textContent = data.title;
  byId("generated").textContent = "Generated " + data.generatedAt + " · " + data.runs.length + (data.runs.length === 1 ? " run" : " runs");
  byId("footer-time").textContent = data.generatedAt;

  var verdicts = byId("verdicts");
  if (data.verdicts.length === 0) verdicts.appendChild(el("p", "muted", "No gate verdict was given for this report."));
  data.verdicts.forEach(function (verdict) {
    var card = el("section", "verdict " + verdict.verdict, [
      el("h3", null, verdict.title),
      el("p", "verdict-word", verdict.word),
      el("p", null, verdict.headline),
      el("p", "muted", verdict.counts.join(" · "))
    ]);
    if (verdict.meaning) card.appendChild(el("p", null, verdict.meaning));
    if (verdict.reasons.length > 0) {
      card.appendChild(el("ul", null, verdict.reasons.map(function (reason) { return el("li", null, reason); })));
    }
    verdicts.appendChild(card);
  });

  var notes = byId("notes");
  data.notes.forEach(function (note) { notes.appendChild(el("p", "note", note)); });

  byId("runs").appendChild(table(data.runsTable, "runs"));

  var scorers = byId("scorer-tables");
  data.scorerTables.forEach(function (spec) {
    scorers.appendChild(spec.rows.length > 0 ? table(spec) : el("p", "muted", spec.caption + ": no scorers."));
  });
  var metrics = byId("metrics-tables");
  data.metricsTables.forEach(function (spec) { metrics.appendChild(table(spec)); });
  var annotations = byId("annotation-tables");
  if (data.annotationTables.length === 0) annotations.appendChild(el("p", "muted", "No run in this report has annotations."));
  data.annotationTables.forEach(function (spec) { annotations.appendChild(table(spec)); });

  renderPassRateChart(byId("pass-rate-chart"));
  renderLatencyCharts(byId("latency-charts"));
}

function legend() {
  return el("ul", "legend", data.charts.passRate.runs.map(function (run, index) {
    return el("li", null, [el("span", "swatch s" + index), run.name]);
  }));
}

function renderPassRateChart(container) {
  var chart = data.charts.passRate;
  var runCount = chart.runs.length;
  var bar = 16, gap = 22, left = 44, top = 12, plot = 160, bottom = 78;
  var groupWidth = runCount * bar + gap;
  var width = Math.max(320, left + chart.groups.length * groupWidth + 8);
  var height = top + plot + bottom;
  var svg = svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
    "aria-label": "Pass rate per scorer and run" });
  svg.appendChild(svgEl("title", {}, "Pass rate per scorer and run"));
  [0, 25, 50, 75, 100].forEach(function (tick) {
    var y = top + plot - (tick / 100) * plot;
    svg.appendChild(svgEl("line", { x1: left, x2: width - 4, y1: y, y2: y, "class": tick === 0 ? "axis" : "grid" }));
    svg.appendChild(svgEl("text", { x: left - 6, y: y + 4, "text-anchor": "end" }, tick + "%"));
  });
  chart.groups.forEach(function (group, groupIndex) {
    var x0 = left + gap / 2 + groupIndex * groupWidth;
    chart.runs.forEach(function (run, runIndex) {
      var rate = run.rates[groupIndex];
      if (rate === null) return;
      var h = Math.max(rate * plot, rate > 0 ? 1 : 0);
      var rect = svgEl("rect", { x: x0 + runIndex * bar, y: top + plot - h, width: bar - 2, height: h, "class": "s" + runIndex });
      rect.appendChild(svgEl("title", {}, group + " · " + run.name + ": " + run.labels[groupIndex]));
      svg.appendChild(rect);
    });
    var label = group.length > 22 ? group.slice(0, 21) + "…" : group;
    var cx = x0 + (runCount * bar) / 2;
    var text = svgEl("text", { x: cx, y: top + plot + 14, "text-anchor": "end", transform: "rotate(-35 " + cx + " " + (top + plot + 14) + ")" }, label);
    text.appendChild(svgEl("title", {}, group));
    svg.appendChild(text);
  });
  container.appendChild(legend());
  container.appendChild(el("div", "chart", svg));
}

function renderLatencyCharts(container) {
  var histogram = data.charts.latency;
  var bins = histogram.runs.length > 0 ? histogram.runs[0].counts.length : 0;
  var most = 1;
  histogram.runs.forEach(function (run) { run.counts.forEach(function (value) { most = Math.max(most, value); }); });
  histogram.runs.forEach(function (run, runIndex) {
    var left = 40, top = 8, plot = 110, width = 300, bottom = 34;
    var barWidth = (width - left - 8) / bins;
    var svg = svgEl("svg", { width: "100%", height: top + plot + bottom, viewBox: "0 0 " + width + " " + (top + plot + bottom),
      preserveAspectRatio: "xMinYMin meet", role: "img", "aria-label": "Latency histogram, " + run.name });
    svg.appendChild(svgEl("title", {}, "Latency histogram, " + run.name));
    svg.appendChild(svgEl("line", { x1: left, x2: width - 4, y1: top + plot, y2: top + plot, "class": "axis" }));
    svg.appendChild(svgEl("text", { x: left - 6, y: top + 10, "text-anchor": "end" }, count(most)));
    svg.appendChild(svgEl("text", { x: left - 6, y: top + plot, "text-anchor": "end" }, "0"));
    run.counts.forEach(function (value, bin) {
      var h = (value / most) * plot;
      if (value > 0) h = Math.max(h, 1);
      var from = bin * histogram.binMs;
      var range = bin === bins - 1 ? "≥ " + count(from) + " ms" : count(from) + "–" + count(from + histogram.binMs) + " ms";
      var rect = svgEl("rect", { x: left + bin * barWidth, y: top + plot - h, width: Math.max(1, barWidth - 1), height: h, "class": "s" + runIndex });
      rect.appendChild(svgEl("title", {}, range + ": " + count(value) + (value === 1 ? " call" : " calls")));
      svg.appendChild(rect);
    });
    [0, Math.floor(bins / 2), bins - 1].forEach(function (bin, index, all) {
      if (index > 0 && bin === all[index - 1]) return;
      var x = left + bin * barWidth;
      var label = (bin === bins - 1 && bins > 1 ? "≥ " : "") + count(bin * histogram.binMs) + " ms";
      svg.appendChild(svgEl("text", { x: x, y: top + plot + 16, "text-anchor": index === 0 ? "start" : "middle" }, label));
    });
    container.appendChild(el("figure", "chart", [
      svg,
      el("figcaption", "muted", run.name + " · " + count(run.calls) + (run.calls === 1 ? " call" : " calls") + " · p50 " + run.p50 + " · p95 " + run.p95)
    ]));
  });
}
`;
