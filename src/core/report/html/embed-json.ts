/**
 * JSON text safe inside `<script type="application/json">`: `<`, `>` and `&` written as \u
 * escapes, so no value can close the element (`</script>`) or open a comment (`<!--`) that
 * the HTML parser would act on; U+2028 and U+2029 too, which some tools still read as line
 * ends. Every escape is inside a JSON string, so JSON.parse gives back the same value.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
