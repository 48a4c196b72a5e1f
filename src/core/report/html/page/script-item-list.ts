/**
 * The page script's item list, virtualized: only the rows in view (and a few beyond) are in the
 * document, placed at fixed offsets in a spacer as tall as every row, so 10,000 items (× 4
 * runs) scroll as fast as ten. One item at a time is open; its rows below move down by its
 * measured height. Filters and the search select which items the list holds.
 */
export const SCRIPT_ITEM_LIST = String.raw`
var TAG_BITS = { regression: 1, fix: 2, error: 4, flaky: 8, failed: 16 };
var FILTER_WORDS = { all: "All", regression: "Regressions", fix: "Fixes", error: "Errors", flaky: "Flaky", failed: "Failed" };
var FILTER_HELP = {
  all: "every item of every run",
  regression: "passed in the baseline, failed or errored in a later run (flaky items apart)",
  fix: "failed or errored in the baseline, passed in a later run (flaky items apart)",
  error: "the target's call failed for good in some run",
  flaky: "the item's repeats both passed and failed in some run",
  failed: "failed or errored in some run"
};
var OVERSCAN = 6;

var list = {
  masks: null, byId: null, haystacks: null, shown: null,
  filter: "all", query: "",
  rows: new Map(), open: -1, openHeight: ROW_HEIGHT, frame: 0, resize: null
};

function setUpList() {
  var items = data.items;
  list.masks = new Uint8Array(items.length);
  list.byId = new Map();
  var counts = { all: items.length, regression: 0, fix: 0, error: 0, flaky: 0, failed: 0 };
  items.forEach(function (item, index) {
    var mask = 0;
    item.tags.forEach(function (tag) { mask |= TAG_BITS[tag]; counts[tag] += 1; });
    list.masks[index] = mask;
    list.byId.set(item.id, index);
  });
  var filters = byId("filters");
  ["all"].concat(data.filters).forEach(function (name) {
    var button = el("button", null, FILTER_WORDS[name] + " (" + count(counts[name]) + ")");
    button.type = "button";
    button.setAttribute("data-filter", name);
    button.title = FILTER_HELP[name];
    button.setAttribute("aria-pressed", name === list.filter ? "true" : "false");
    button.addEventListener("click", function () { setFilter(name); });
    filters.appendChild(button);
  });
  var search = byId("search");
  var pending = 0;
  search.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { setQuery(search.value); }, 120);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { clearTimeout(pending); setQuery(search.value); }
  });
  var scroller = byId("list");
  scroller.addEventListener("scroll", function () {
    if (list.frame) return;
    list.frame = requestAnimationFrame(function () { list.frame = 0; renderRows(); });
  });
  byId("list-spacer").addEventListener("keydown", onRowKey);
  if (typeof ResizeObserver === "function") {
    list.resize = new ResizeObserver(function () {
      var node = list.open >= 0 ? list.rows.get(list.open) : null;
      if (node && node.offsetHeight !== list.openHeight) { list.openHeight = node.offsetHeight; renderRows(); }
    });
  }
  window.addEventListener("resize", function () { renderRows(); });
  window.addEventListener("hashchange", openFromHash);
  applyFilter();
  openFromHash();
}

function setFilter(name) {
  list.filter = name;
  byId("filters").querySelectorAll("button").forEach(function (button) {
    button.setAttribute("aria-pressed", button.getAttribute("data-filter") === name ? "true" : "false");
  });
  applyFilter();
}

function setQuery(text) {
  var query = text.trim().toLowerCase();
  if (query === list.query) return;
  list.query = query;
  applyFilter();
}

function haystack(index) {
  if (list.haystacks === null) list.haystacks = new Array(data.items.length);
  var text = list.haystacks[index];
  if (text === undefined) {
    var item = data.items[index];
    var parts = [item.id, item.input ? item.input.text : "", item.expected ? item.expected.text : ""];
    item.runs.forEach(function (cell) { if (cell && cell.output) parts.push(cell.output.text); });
    text = list.haystacks[index] = parts.join("\n").toLowerCase();
  }
  return text;
}

function applyFilter() {
  var bit = list.filter === "all" ? 0 : TAG_BITS[list.filter];
  var query = list.query;
  var total = data.items.length;
  var shown = new Int32Array(total);
  var n = 0;
  for (var index = 0; index < total; index++) {
    if (bit !== 0 && (list.masks[index] & bit) === 0) continue;
    if (query !== "" && haystack(index).indexOf(query) < 0) continue;
    shown[n++] = index;
  }
  list.shown = shown.subarray(0, n);
  if (list.open >= 0 && positionOf(list.open) < 0) closeItem();
  var words = "Showing " + count(n) + " of " + count(total) + (total === 1 ? " item" : " items");
  if (list.filter !== "all") words += " · " + FILTER_WORDS[list.filter].toLowerCase();
  if (query !== "") words += " · matching “" + list.query + "”";
  byId("shown-count").textContent = words;
  byId("list-empty").hidden = n > 0;
  byId("list").scrollTop = 0;
  renderRows();
}

/** Where item 'index' is in the shown list (binary search: the list keeps item order); -1 when filtered out. */
function positionOf(index) {
  var shown = list.shown, low = 0, high = shown.length - 1;
  while (low <= high) {
    var middle = (low + high) >> 1;
    if (shown[middle] === index) return middle;
    if (shown[middle] < index) low = middle + 1; else high = middle - 1;
  }
  return -1;
}

function openPosition() { return list.open >= 0 ? positionOf(list.open) : -1; }
function extraHeight() { return openPosition() >= 0 ? list.openHeight - ROW_HEIGHT : 0; }
function offsetOf(position) {
  var open = openPosition();
  return position * ROW_HEIGHT + (open >= 0 && position > open ? list.openHeight - ROW_HEIGHT : 0);
}
function positionAt(y) {
  var open = openPosition();
  if (open < 0 || y < open * ROW_HEIGHT) return Math.floor(y / ROW_HEIGHT);
  if (y < open * ROW_HEIGHT + list.openHeight) return open;
  return Math.floor((y - (list.openHeight - ROW_HEIGHT)) / ROW_HEIGHT);
}

function renderRows() {
  var scroller = byId("list");
  var spacer = byId("list-spacer");
  var shown = list.shown;
  spacer.style.height = (shown.length * ROW_HEIGHT + extraHeight()) + "px";
  var first = 0, last = -1;
  if (shown.length > 0) {
    var top = scroller.scrollTop;
    var height = scroller.clientHeight || 600;
    first = Math.max(0, positionAt(top) - OVERSCAN);
    last = Math.min(shown.length - 1, positionAt(top + height) + OVERSCAN);
  }
  var keep = new Set();
  for (var position = first; position <= last; position++) keep.add(shown[position]);
  list.rows.forEach(function (node, index) {
    if (keep.has(index)) return;
    node.remove();
    list.rows.delete(index);
  });
  // Rows stay in the document in list order, for screen readers and Tab. Rows kept are already in
  // item order (so is every list), so only new rows are inserted and a focused row never moves.
  var previous = null;
  for (position = first; position <= last; position++) {
    var index = shown[position];
    var node = list.rows.get(index);
    if (node === undefined) { node = createRow(index); list.rows.set(index, node); }
    node.style.top = offsetOf(position) + "px";
    var next = previous === null ? spacer.firstChild : previous.nextSibling;
    if (node !== next) spacer.insertBefore(node, next);
    previous = node;
  }
}

function createRow(index) {
  var item = data.items[index];
  var head = el("button", "row-head", [
    el("span", "row-line", [statusChips(item), el("span", "row-id", item.label)].concat(tagBadges(item))),
    el("span", "row-text", item.input ? item.input.text.slice(0, 300).replace(/\s+/g, " ") : "")
  ]);
  head.type = "button";
  head.setAttribute("aria-expanded", "false");
  head.setAttribute("data-index", String(index));
  head.addEventListener("click", function () { if (list.open === index) closeItem(); else openItem(index, false); });
  var row = el("div", "row", head);
  row.setAttribute("role", "listitem");
  row.id = "row-" + index;
  if (list.open === index) addDetail(row, index);
  return row;
}

function addDetail(row, index) {
  row.classList.add("open");
  row.firstChild.setAttribute("aria-expanded", "true");
  row.appendChild(itemDetail(index));
}

function closeItem() {
  var node = list.open >= 0 ? list.rows.get(list.open) : undefined;
  if (node) {
    if (list.resize) list.resize.unobserve(node);
    node.classList.remove("open");
    node.firstChild.setAttribute("aria-expanded", "false");
    if (node.lastChild !== node.firstChild) node.removeChild(node.lastChild);
  }
  list.open = -1;
  list.openHeight = ROW_HEIGHT;
  renderRows();
}

/** Opens item 'index' below its row; with 'toTop', scrolls the list so its row is first. */
function openItem(index, toTop) {
  if (list.open >= 0) closeItem();
  var position = positionOf(index);
  if (position < 0) return;
  list.open = index;
  list.openHeight = ROW_HEIGHT;
  var scroller = byId("list");
  if (toTop) scroller.scrollTop = position * ROW_HEIGHT;
  renderRows();
  var node = list.rows.get(index);
  if (!node) return;
  addDetail(node, index);
  list.openHeight = node.offsetHeight;
  if (list.resize) list.resize.observe(node);
  if (toTop) scroller.scrollTop = offsetOf(position);
  renderRows();
}
`;
