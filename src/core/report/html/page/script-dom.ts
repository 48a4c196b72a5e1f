/**
 * The page script's DOM helpers. Data only ever becomes text nodes (`append` of a string is
 * `createTextNode`) or attribute values the script chose; nothing is parsed as HTML.
 */
export const SCRIPT_DOM = String.raw`
var SVG_NS = "http://www.w3.org/2000/svg";

function byId(id) { return document.getElementById(id); }

function append(node, children) {
  if (children === undefined || children === null) return node;
  if (!Array.isArray(children)) children = [children];
  for (var i = 0; i < children.length; i++) {
    var child = children[i];
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function el(tag, className, children) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  return append(node, children);
}

function svgEl(tag, attributes, children) {
  var node = document.createElementNS(SVG_NS, tag);
  for (var name in attributes) node.setAttribute(name, String(attributes[name]));
  return append(node, children);
}

function count(value) { return Math.round(value).toLocaleString("en-US"); }

/** A ShownText in a <pre>, with a line saying where it was cut. */
function textBlock(shown, className) {
  var block = el("div", null, el("pre", className || null, shown.text));
  if (shown.length !== undefined) block.appendChild(cutNote(shown));
  return block;
}

function cutNote(shown) {
  return el("p", "cut", "cut at " + count(shown.text.length) + " of " + count(shown.length) + " characters");
}

function table(spec, className) {
  var node = el("table", className || null);
  if (spec.caption) node.appendChild(el("caption", null, spec.caption));
  var head = el("tr");
  spec.header.forEach(function (cell, column) {
    var th = el("th", spec.numeric[column] ? "num" : null, cell);
    th.setAttribute("scope", "col");
    head.appendChild(th);
  });
  node.appendChild(el("thead", null, head));
  var body = el("tbody");
  spec.rows.forEach(function (row, index) {
    var tr = el("tr", spec.emphasized.indexOf(index) >= 0 ? "emph" : null);
    row.forEach(function (cell, column) {
      var td = el(column === 0 ? "th" : "td", spec.numeric[column] ? "num" : null, cell);
      if (column === 0) td.setAttribute("scope", "row");
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  node.appendChild(body);
  return el("div", "table-wrap", node);
}
`;
