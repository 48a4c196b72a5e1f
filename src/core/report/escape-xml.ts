// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as references.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Cs}/gu;

/** Text safe as element content; line breaks stay readable (a CR is kept as a reference). */
export function escapeXmlText(text: string): string {
  return text
    .replace(INVALID_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/**
 * Text safe in a double- or single-quoted attribute value. Line breaks and tabs become
 * references because parsers normalise literal ones in attributes to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}
