/**
 * The page script's item detail: input and expected value, each run's output side by side with
 * the word diff against the baseline, the scores with their evidence, and the annotations.
 */
export const SCRIPT_ITEM_DETAIL = String.raw`
var TAG_WORDS = { regression: "regression", fix: "fix", error: "error", flaky: "flaky", failed: "failed" };
var STATUS_MARK = { passed: "✓", failed: "✗", error: "!" };

function itemHash(id) { return "#item-" + encodeURIComponent(id); }

function statusChips(item) {
  return el("span", "chips", item.runs.map(function (cell, index) {
    var run = data.runs[index];
    var chip = el("span", "chip " + (cell === null ? "absent" : cell.status), cell === null ? "–" : STATUS_MARK[cell.status]);
    chip.setAttribute("title", run.role + ": " + (cell === null ? "no such item" : cell.status));
    return chip;
  }));
}

function tagBadges(item) {
  return item.tags.filter(function (tag) { return tag !== "failed"; }).map(function (tag) { return el("span", "tag " + tag, TAG_WORDS[tag]); });
}

function runHeading(index) {
  var run = data.runs[index];
  return run.role + " · " + (run.label || run.id);
}

/** An output as text, its diff against the baseline marked: removed words in the baseline's column when two runs are compared, added ones in each later run's (and removed ones too past two runs). */
function outputBlock(item, index) {
  var cell = item.runs[index];
  var pre = el("pre");
  var two = data.runs.length === 2;
  if (index === 0 && two && item.runs[1] && item.runs[1].diff) {
    item.runs[1].diff.forEach(function (part) {
      if (part[0] === 0) append(pre, part[1]);
      else if (part[0] === 1) pre.appendChild(el("del", "removed", part[1]));
    });
  } else if (index > 0 && cell.diff) {
    cell.diff.forEach(function (part) {
      if (part[0] === 0) append(pre, part[1]);
      else if (part[0] === 2) pre.appendChild(el("ins", "added", part[1]));
      else if (!two) pre.appendChild(el("del", "removed", part[1]));
    });
  } else {
    append(pre, cell.output.text);
  }
  var block = el("div", null, pre);
  if (cell.output.length !== undefined) block.appendChild(cutNote(cell.output));
  if (cell.diffNote) block.appendChild(el("p", "cut", cell.diffNote));
  return block;
}

function outputColumn(item, index) {
  var cell = item.runs[index];
  var column = el("section", "output");
  var heading = el("h5", null, [runHeading(index) + " — "]);
  if (cell === null) {
    heading.appendChild(el("span", "muted", "no such item in this run"));
    column.appendChild(heading);
    return column;
  }
  heading.appendChild(el("span", "status " + cell.status, cell.status));
  append(heading, " · " + cell.latency + (cell.repeats ? " · " + cell.repeats : ""));
  column.appendChild(heading);
  if (cell.output) column.appendChild(outputBlock(item, index));
  else if (!cell.error) column.appendChild(el("p", "muted", "no output"));
  if (cell.error) column.appendChild(textBlock(cell.error, "error-text"));
  return column;
}

function scoreCell(score) {
  var cell = el("td");
  if (score === undefined) { cell.appendChild(el("span", "muted", "—")); return cell; }
  cell.appendChild(el("span", "status " + (score.passed ? "passed" : "failed"), (score.passed ? "✓ passed " : "✗ failed ") + score.score));
  if (score.error) cell.appendChild(el("div", "evidence", ["scorer error: ", score.error.text]));
  if (score.reason) cell.appendChild(el("div", "evidence", score.reason.text));
  if (score.read || score.compared) {
    var more = el("details", null, el("summary", null, "what it read and compared"));
    if (score.read) { more.appendChild(el("div", "evidence muted", "read:")); more.appendChild(textBlock(score.read)); }
    if (score.compared) { more.appendChild(el("div", "evidence muted", "compared with:")); more.appendChild(textBlock(score.compared)); }
    cell.appendChild(more);
  }
  return cell;
}

function scoresTable(item) {
  var names = [];
  item.runs.forEach(function (cell) {
    if (cell) cell.scores.forEach(function (score) { if (names.indexOf(score.scorer) < 0) names.push(score.scorer); });
  });
  if (names.length === 0) return el("p", "muted", "No scores.");
  var head = el("tr", null, el("th", null, "scorer"));
  item.runs.forEach(function (cell, index) { head.appendChild(el("th", null, runHeading(index))); });
  var body = el("tbody");
  names.forEach(function (name) {
    var row = el("tr", null, el("th", null, name));
    row.firstChild.setAttribute("scope", "row");
    item.runs.forEach(function (cell) {
      var score;
      if (cell) cell.scores.forEach(function (candidate) { if (candidate.scorer === name) score = candidate; });
      row.appendChild(scoreCell(score));
    });
    body.appendChild(row);
  });
  return el("div", "table-wrap", el("table", "scores", [el("thead", null, head), body]));
}

function annotationList(item) {
  var entries = [];
  item.runs.forEach(function (cell, index) {
    if (!cell) return;
    cell.annotations.forEach(function (annotation) {
      var line = runHeading(index) + ": " + annotation.name + " = " + annotation.value;
      if (annotation.note) line += " — " + annotation.note;
      if (annotation.author) line += " (" + annotation.author + ")";
      entries.push(el("li", null, line));
    });
  });
  return entries.length === 0 ? el("p", "muted", "No annotations.") : el("ul", "annotations", entries);
}

function itemDetail(index) {
  var item = data.items[index];
  var detail = el("div", "detail");
  var link = el("a", null, "Link to this item");
  link.setAttribute("href", itemHash(item.id));
  var ids = item.runs.map(function (cell, run) { return cell ? data.runs[run].role + " run item " + cell.runItemId : null; })
    .filter(function (text) { return text !== null; });
  detail.appendChild(el("p", "muted", [link, " · " + ids.join(" · ")]));
  var pair = el("div", "pair");
  pair.appendChild(el("section", null, [el("h4", null, "Input"), item.input ? textBlock(item.input) : el("p", "muted", "none")]));
  if (item.expected) pair.appendChild(el("section", null, [el("h4", null, "Expected"), textBlock(item.expected)]));
  detail.appendChild(pair);
  detail.appendChild(el("h4", null, data.runs.length > 1 ? "Outputs (words only in the baseline are struck out, words new in a later run are marked)" : "Output"));
  detail.appendChild(el("div", "outputs", item.runs.map(function (cell, run) { return outputColumn(item, run); })));
  detail.appendChild(el("h4", null, "Scores and evidence"));
  detail.appendChild(scoresTable(item));
  detail.appendChild(el("h4", null, "Annotations"));
  detail.appendChild(annotationList(item));
  return detail;
}
`;
