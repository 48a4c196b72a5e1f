/**
 * The page script's printed list: a virtualized list prints as blank pages, so for print (and
 * the PDF) the items a reviewer must look at are laid out in full instead, up to a limit.
 */
export const SCRIPT_PRINT = String.raw`
var printed = false;

function needsLook(item) {
  var tags = data.runs.length > 1 ? ["regression", "fix", "error", "flaky"] : ["failed", "flaky"];
  return item.tags.some(function (tag) { return tags.indexOf(tag) >= 0; });
}

function renderPrintItems() {
  if (printed) return;
  printed = true;
  var section = byId("print-items");
  var chosen = [];
  var total = 0;
  data.items.forEach(function (item, index) {
    if (!needsLook(item)) return;
    total += 1;
    if (chosen.length < data.printLimit) chosen.push(index);
  });
  var what = data.runs.length > 1 ? "regressions, fixes, errors and flaky items" : "failed, errored and flaky items";
  section.appendChild(el("h2", null, "Items to look at"));
  section.appendChild(el("p", "muted", total === 0
    ? "No " + what + "."
    : "The " + what + ": " + count(chosen.length) + " of " + count(total) +
      (total > chosen.length ? " shown; the HTML report lists every item." : ".")));
  chosen.forEach(function (index) {
    var item = data.items[index];
    section.appendChild(el("article", "print-item", [
      el("h3", null, [statusChips(item), " ", item.label, " "].concat(tagBadges(item))),
      itemDetail(index)
    ]));
  });
}
`;
