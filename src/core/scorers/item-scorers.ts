import { z } from "zod";
import { canonicalJson } from "../canonical.js";
import { SCORER_REF_KEYS, ScorerRefSchema, type ScorerRef } from "../config/scorer-ref-schema.js";
import { UserError } from "../errors.js";
import type { Item } from "../model/item.js";
import { describeZodIssues, formatPath } from "../zod-issues.js";
import type { ResolvedScorer } from "./registry.js";

/** Validates refs and turns them into scorers (resolveScorers with the run's services); throws a UserError. */
export type ResolveScorerRefs = (refs: readonly ScorerRef[], path: string) => ResolvedScorer[];

export interface ExperimentScorers {
  refs: readonly ScorerRef[];
  scorers: readonly ResolvedScorer[];
  /** `experiments.orders.scorers`, for messages. */
  path: string;
}

const ItemScorerRefsSchema = z.array(ScorerRefSchema);

/**
 * The scorers that judge each item: the experiment's, plus the item's own `scorers:` (or only
 * those, with `scorers_mode: replace`), as promptfoo adds a test's asserts to the defaults. Each
 * distinct definition is validated and resolved once (keyed by its canonical JSON), when the
 * dataset is inspected, so a bad one is refused with its file and line before anything is called;
 * the run then finds every item's scorers here already resolved.
 */
export class ItemScorers {
  private readonly resolved = new Map<string, readonly ResolvedScorer[]>();
  private readonly own: ResolvedScorer[] = [];

  constructor(
    private readonly experiment: ExperimentScorers,
    private readonly resolve: ResolveScorerRefs,
  ) {}

  /** `where` (`evals/x.jsonl:3`) prefixes every problem, e.g. `evals/x.jsonl:3: scorers[1].config.tool: …`. */
  scorersFor(item: Item, where = `item ${item.id}`): readonly ResolvedScorer[] {
    if (item.scorers === undefined) return this.experiment.scorers;
    const key = canonicalJson([item.scorers_mode ?? "add", item.scorers]);
    const known = this.resolved.get(key);
    if (known !== undefined) return known;
    const path = `${where}: scorers`;
    const refs = parseRefs(item.scorers, path);
    const replace = item.scorers_mode === "replace";
    if (!replace) refuseTakenLabels(refs, this.experiment, path);
    const own = this.resolve(refs, path);
    this.own.push(...own);
    const scorers = replace ? own : [...this.experiment.scorers, ...own];
    this.resolved.set(key, scorers);
    return scorers;
  }

  /** Closes the items' own scorers (the experiment's are closed by their owner). */
  async close(): Promise<void> {
    await Promise.all(this.own.map((scorer) => scorer.fn.close?.()));
  }
}

function parseRefs(raw: unknown, path: string): ScorerRef[] {
  const parsed = ItemScorerRefsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = describeZodIssues(parsed.error.issues, {
    knownKeys: (at) => (at.length === 1 ? SCORER_REF_KEYS : []),
    input: raw,
  });
  throw new UserError(problems.map((problem) => `${formatPath([path, ...problem.path])}: ${problem.message}`).join("\n"));
}

/** Scores are stored per label: an added scorer may not take a label the experiment's scorers use. */
function refuseTakenLabels(refs: readonly ScorerRef[], experiment: ExperimentScorers, path: string): void {
  const taken = new Map(experiment.refs.map((ref, index) => [ref.label, index]));
  const problems: string[] = [];
  refs.forEach((ref, index) => {
    const first = taken.get(ref.label);
    if (first === undefined) return;
    problems.push(
      `${path}[${index}]: the label "${ref.label}" is already used by ${experiment.path}[${first}]; ` +
        `give this one its own label, e.g. { name: ${ref.name}, label: ${ref.label}_item, config: … }, or write scorers_mode: replace`,
    );
  });
  if (problems.length > 0) throw new UserError(problems.join("\n"));
}
