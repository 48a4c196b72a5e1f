/** The HTTP status of a failed Octokit request, or undefined for anything else that was thrown. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("status" in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === "number" ? status : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/**
 * A failure after which the request may or may not have taken effect: a 5xx, or no answer at all
 * (Octokit reports network failures as status 500).
 */
export function isAmbiguousFailure(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
