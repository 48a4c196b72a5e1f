/** `postgres://…` or `postgresql://…` (the two schemes libpq accepts). */
export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/**
 * The URL with its password replaced by `***`, for messages and logs: a store URL is a secret.
 * libpq takes a password in the user-info part or as `?password=` (and `sslpassword=` for a
 * client key): all are replaced. Something that does not parse as a URL is shown as its scheme only.
 */
export function redactStoreUrl(spec: string): string {
  try {
    const url = new URL(spec);
    if (url.password !== "") url.password = "***";
    for (const key of [...url.searchParams.keys()]) {
      if (/password/i.test(key)) url.searchParams.set(key, "***");
    }
    return url.toString().replace(/%2A%2A%2A/g, "***");
  } catch {
    return `${/^[A-Za-z][A-Za-z0-9+.-]*:/.exec(spec)?.[0] ?? "?"}//…`;
  }
}
