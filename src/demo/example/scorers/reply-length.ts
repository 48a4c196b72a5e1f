/**
 * A custom scorer, as a team would write one: a default-exported function that gets the item and
 * the target's answer and returns a score. This one asks for a short reply: support answers that
 * run past `options.max_characters` lose the customer.
 */
interface ScorerInput {
  output: unknown;
}

export default function replyLength(input: ScorerInput, options: { max_characters?: number }) {
  const max = options.max_characters ?? 200;
  const text = typeof input.output === "string" ? input.output : JSON.stringify(input.output);
  const reply = /"reply":"([^"]*)"/.exec(text)?.[1] ?? text;
  return {
    score: reply.length <= max ? 1 : 0,
    reason: `the reply has ${reply.length} characters (at most ${max})`,
  };
}
