import { createHash } from "node:crypto";

/**
 * The page's Content-Security-Policy: nothing may load (`default-src 'none'`: no network, no
 * frames, no fonts, no images), and only the page's own style sheet and script run, each
 * allowed by the SHA-256 of its exact text. A script an output smuggled in would not match.
 */
export function contentSecurityPolicy(style: string, script: string): string {
  return [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(style)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** "sha256-<base64>" of the UTF-8 text, as CSP hash sources are written. */
export function sha256(text: string): string {
  return `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
}
