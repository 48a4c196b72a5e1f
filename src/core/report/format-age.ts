const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago something happened, as a person says it: "just now", "45 s ago", "3 min ago",
 * "5 h ago", "12 days ago" (whole units, rounded down). A time in the future (another machine's
 * clock ahead of ours) reads "just now"; an unreadable one "".
 */
export function formatAge(then: string, now: number): string {
  const at = Date.parse(then);
  if (Number.isNaN(at)) return "";
  const elapsed = now - at;
  if (elapsed < 10 * SECOND) return "just now";
  if (elapsed < MINUTE) return `${Math.floor(elapsed / SECOND)} s ago`;
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  // Up to two days in hours: "30 h ago" says more than "1 days ago".
  if (elapsed < 2 * DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  return `${Math.floor(elapsed / DAY)} days ago`;
}
