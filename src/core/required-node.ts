/**
 * The oldest Node.js major evalgate runs on: the embedded store is `node:sqlite`, which older
 * releases lack or hide behind a flag. Kept in step with `engines` in package.json (a test checks).
 */
export const REQUIRED_NODE_MAJOR = 24;

/**
 * The one line a user on an older Node sees instead of a stack trace, or undefined when `version`
 * (process.versions.node) is new enough. `executable` says which node was found on the PATH.
 */
export function unsupportedNodeMessage(program: string, version: string, executable: string): string | undefined {
  const major = Number.parseInt(version, 10);
  if (major >= REQUIRED_NODE_MAJOR) return undefined;
  return `${program} needs Node.js ${REQUIRED_NODE_MAJOR} or newer; found Node.js ${version} (${executable}). Install Node.js ${REQUIRED_NODE_MAJOR} and run it again.`;
}
