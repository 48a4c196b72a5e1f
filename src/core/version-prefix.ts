/**
 * A dataset or experiment version as a user typed it (whole or a prefix), as stored: versions are
 * lower-case hex (12 characters of a SHA-256), so `6A4434` names the same version as `6a4434`.
 */
export function versionPrefix(typed: string): string {
  return typed.trim().toLowerCase();
}
