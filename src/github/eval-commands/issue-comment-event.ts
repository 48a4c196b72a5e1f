import { z } from "zod";

/**
 * The parts of an `issue_comment` webhook payload `/eval` handling reads. Real payloads carry much more;
 * unknown keys are ignored, and a payload missing any of these is not one we act on.
 */
export const IssueCommentEventSchema = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().positive(),
    pull_request: z.object({}).loose().nullish(),
  }),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullish(),
    user: z.object({ login: z.string(), type: z.string().optional() }),
  }),
  repository: z.object({
    name: z.string(),
    owner: z.object({ login: z.string() }),
  }),
});
export type IssueCommentEvent = z.infer<typeof IssueCommentEventSchema>;

/** A command comment on a pull request, from the event. */
export interface CommandComment {
  owner: string;
  repo: string;
  pullRequest: number;
  commentId: number;
  body: string;
  author: string;
}
