/**
 * The page script's ways to an item: arrow keys, Home, End and Page keys between rows (the list
 * scrolls so the focused row is in view), and #item-<id> links that open an item wherever it is.
 */
export const SCRIPT_ITEM_NAVIGATION = String.raw`
function focusPosition(position) {
  var shown = list.shown;
  if (shown.length === 0) return;
  position = Math.max(0, Math.min(shown.length - 1, position));
  var scroller = byId("list");
  var top = offsetOf(position);
  if (top < scroller.scrollTop) scroller.scrollTop = top;
  else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
  renderRows();
  var node = list.rows.get(shown[position]);
  if (node) node.firstChild.focus();
}

function onRowKey(event) {
  var target = event.target;
  if (!target.classList || !target.classList.contains("row-head")) return;
  var position = positionOf(Number(target.getAttribute("data-index")));
  var moves = { ArrowDown: position + 1, ArrowUp: position - 1, Home: 0, End: list.shown.length - 1,
    PageDown: position + 10, PageUp: position - 10 };
  if (!(event.key in moves)) return;
  event.preventDefault();
  focusPosition(moves[event.key]);
}

/** #item-<id>: shows every item again if a filter hid it, opens it and scrolls it into view. */
function openFromHash() {
  var hash = location.hash;
  if (hash.indexOf("#item-") !== 0) return;
  var id;
  try { id = decodeURIComponent(hash.slice(6)); } catch (error) { return; }
  var index = list.byId.get(id);
  if (index === undefined) return;
  if (positionOf(index) < 0) {
    byId("search").value = "";
    list.query = "";
    setFilter("all");
  }
  if (list.open !== index) openItem(index, true);
  else byId("list").scrollTop = offsetOf(positionOf(index));
  byId("items").scrollIntoView();
  var node = list.rows.get(index);
  if (node) node.firstChild.focus({ preventScroll: true });
}
`;
