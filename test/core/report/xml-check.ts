export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(text: string): string {
  return text.replace(ENTITY, (entity) => {
    const named: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
    if (named[entity] !== undefined) return named[entity];
    const code = entity.startsWith("&#x") ? Number.parseInt(entity.slice(3, -1), 16) : Number(entity.slice(2, -1));
    return String.fromCodePoint(code);
  });
}

function checkText(text: string): void {
  if (text.includes("<") || text.replace(ENTITY, "").includes("&")) throw new Error(`unescaped text: ${text.slice(0, 80)}`);
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) throw new Error("control character in XML");
}

/**
 * A strict little parser for the XML our exporters write (declaration, elements, attributes in
 * double quotes, text, entities): throws on anything not well-formed.
 */
export function parseXml(xml: string): XmlElement {
  const declaration = /^<\?xml [^?]*\?>\n/.exec(xml);
  if (declaration === null) throw new Error("missing XML declaration");
  const token = /<\/([A-Za-z][\w-]*)\s*>|<([A-Za-z][\w-]*)((?:\s+[A-Za-z_][\w-]*="[^"]*")*)\s*(\/?)>|([^<]+)/y;
  token.lastIndex = declaration[0].length;
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  while (token.lastIndex < xml.length) {
    const start = token.lastIndex;
    const match = token.exec(xml);
    if (match === null) throw new Error(`not well-formed at ${start}: ${xml.slice(start, start + 60)}`);
    const [, closing, opening, attributeText, selfClosing, text] = match;
    const current = stack[stack.length - 1]!;
    if (text !== undefined) {
      checkText(text);
      current.text += decode(text);
    } else if (closing !== undefined) {
      if (closing !== current.name) throw new Error(`</${closing}> closes <${current.name}>`);
      stack.pop();
    } else if (opening !== undefined) {
      const attributes: Record<string, string> = {};
      for (const [, name, value] of (attributeText ?? "").matchAll(/([A-Za-z_][\w-]*)="([^"]*)"/g)) {
        checkText(value!);
        if (name! in attributes) throw new Error(`duplicate attribute ${name}`);
        attributes[name!] = decode(value!);
      }
      const element: XmlElement = { name: opening, attributes, children: [], text: "" };
      current.children.push(element);
      if (selfClosing !== "/") stack.push(element);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1 || root.text.trim() !== "") throw new Error("expected one root element");
  return root.children[0]!;
}
