/** One RFC 4180 record, CRLF-terminated: fields with a comma, quote or line break are quoted. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

function csvField(field: string): string {
  // Leading/trailing spaces are quoted too, so a reader that trims keeps them.
  if (/[",\r\n]|^\s|\s$/.test(field)) return `"${field.replace(/"/g, '""')}"`;
  return field;
}
