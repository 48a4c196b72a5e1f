/**
 * An error the user can fix (bad config, bad dataset, bad arguments). Adapters print its message
 * once and exit 2 (CLI) or call core.setFailed (Action). `where` names the file, line or field.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(message: string) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * A failure outside the user's input that stops a command: a store that went away mid-run. The
 * CLI prints its message as one line and exits 3 (could not complete); nothing stored is lost.
 */
export class UnavailableError extends Error {
  override readonly name = "UnavailableError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
