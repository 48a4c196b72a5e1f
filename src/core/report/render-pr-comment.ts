import { GITHUB_LIMITS, remainingAfter } from "./fit-text.js";
import { commentMarker, commentMetaLine, type CommentMeta } from "./comment-marker.js";
import { COMMENT_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { fitPrReport } from "./render-pr-report.js";
import { shownComparison } from "./pr-report-summary.js";

export type { PrCommentInput } from "./pr-report-input.js";

/**
 * The pull-request comment for one experiment: two hidden lines (the marker the Action finds
 * the comment by, and the metadata `comment: on-change` compares), then the report, fitted to
 * GitHub's limit by showing fewer and shorter flipped items.
 */
export function renderPrComment(input: PrCommentInput): string {
  const header = `${commentMarker(input.experiment)}\n${commentMetaLine(commentMetaOf(input))}\n\n`;
  return header + fitPrReport(input, COMMENT_DETAILS, remainingAfter(GITHUB_LIMITS.comment, header));
}

export function commentMetaOf(input: PrCommentInput): CommentMeta {
  const comparison = shownComparison(input);
  return {
    head_sha: input.headSha,
    verdict: input.verdictLabel,
    regressions: comparison?.regressions.count ?? 0,
    fixes: comparison?.fixes.count ?? 0,
  };
}
