import type { ApplicationFunction, Probot } from "probot";
import type { GitHubClient } from "../github/github-client.js";
import { messageOf } from "../github/request-status.js";
import type { EvalCommentDeps } from "../github/eval-commands/eval-command-deps.js";
import { handleEvalComment } from "../github/eval-commands/handle-eval-comment.js";
import { SeenDeliveries } from "./seen-deliveries.js";

export interface EvalgateAppOptions {
  resultsBranch?: string;
  /** EVALGATE_STORE_URL: the PostgreSQL store the Action publishes to (its `store-url`); runs are read there instead of on the results branch. */
  storeUrl?: string;
  configPath?: string;
  workflowFile?: string;
  /** Deliveries remembered for de-duplication. Default 10,000. */
  rememberedDeliveries?: number;
}

/**
 * The Probot app: `/eval` commands in pull request comments. The handler is awaited, so Probot
 * answers 200 when the command is done (or 202 after 9 s while it goes on).
 */
export function createEvalgateApp(options: EvalgateAppOptions = {}): ApplicationFunction {
  const seen = new SeenDeliveries(options.rememberedDeliveries);
  return (app: Probot) => {
    app.on("issue_comment.created", async (context) => {
      if (!seen.claim(context.id)) {
        context.log.info(`Delivery ${context.id} was handled already; ignoring the repeat.`);
        return;
      }
      const deps: EvalCommentDeps = {
        // Probot's client is an Octokit with the same REST methods; its type is a different build of them.
        octokit: context.octokit as unknown as GitHubClient,
        log: { info: (message) => context.log.info(message), warning: (message) => context.log.warn(message) },
        ...(options.resultsBranch === undefined ? {} : { resultsBranch: options.resultsBranch }),
        ...(options.storeUrl === undefined ? {} : { storeUrl: options.storeUrl }),
        ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
        ...(options.workflowFile === undefined ? {} : { workflowFile: options.workflowFile }),
      };
      try {
        const outcome = await handleEvalComment(deps, context.payload);
        if (outcome.status !== "ignored") context.log.info(`Delivery ${context.id}: ${outcome.status}: ${outcome.summary}`);
      } catch (error) {
        // The reply could not even be posted (GitHub down, token revoked): a redelivery may try again.
        seen.release(context.id);
        context.log.error(`Delivery ${context.id} failed: ${messageOf(error)}`);
        throw error;
      }
    });
  };
}

export default createEvalgateApp();
