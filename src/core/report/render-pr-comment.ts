import { commentMarker, commentMetaLine, type CommentMeta } from "./comment-marker.js";
import { COMMENT_DETAILS, type PrCommentInput } from "./pr-report-input.js";
import { fitPrReport } from "./render-pr-report.js";
import { shownComparison } from "./pr-report-summary.js";

export type { PrCommentInput } from "./pr-report-input.js";

// GitHub rejects a comment body over 65,536 UTF-16 code units; the margin absorbs any
// normalisation on GitHub's side (CRLF line ends after an edit in the browser).
export const COMMENT_LIMIT = 65_000;

/**
 * The pull-request comment for one experiment: two hidden lines (the marker the Action finds
 * the comment by, and the metadata `comment: on-change` compares), then the report, fitted to
 * GitHub's limit by showing fewer and shorter flipped items.
 */
export function renderPrComment(input: PrCommentInput): string {
  const header = `${commentMarker(input.experiment)}\n${commentMetaLine(commentMetaOf(input))}\n\n`;
  return header + fitPrReport(input, COMMENT_DETAILS, COMMENT_LIMIT - header.length);
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
