/** What a judge's reply said, once read. `choice` is the config's spelling of the choice. */
export interface JudgeVerdict {
  choice: string;
  reasoning?: string;
}

const FENCED_BLOCK = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/g;

/** Each `{…}` span is a JSON.parse of the reply's length: a reply full of braces must not cost n². */
const MAX_SPANS = 20;

/**
 * Reads `{"reasoning": "…", "choice": "…"}` from a model's reply, leniently: the JSON may sit in a
 * fenced block or among other text, and the choice matches case-insensitively after trimming
 * ("y " is "Y"). A reply that is just a choice ("N") counts too. Returns undefined when the reply
 * names no known choice: the caller makes that the scorer's error, quoting the reply.
 */
export function parseJudgeReply(reply: string, choices: readonly string[]): JudgeVerdict | undefined {
  const known = new Map(choices.map((choice) => [normalize(choice), choice]));
  for (const candidate of jsonCandidates(reply)) {
    const object = parseObject(candidate);
    if (object === undefined) continue;
    const named = typeof object.choice === "string" || typeof object.choice === "number" ? String(object.choice) : undefined;
    const choice = named === undefined ? undefined : known.get(normalize(named));
    if (choice === undefined) continue;
    const reasoning = typeof object.reasoning === "string" ? object.reasoning : undefined;
    return reasoning === undefined ? { choice } : { choice, reasoning };
  }
  const bare = known.get(normalize(reply.replace(/^["'`\s]+|["'`.\s]+$/g, "")));
  return bare === undefined ? undefined : { choice: bare };
}

/** The whole reply, each fenced block, then the widest `{…}` spans: the likeliest JSON first. */
function jsonCandidates(reply: string): string[] {
  const candidates = [reply];
  for (const match of reply.matchAll(FENCED_BLOCK)) candidates.push(match[1] ?? "");
  const last = reply.lastIndexOf("}");
  let start = reply.indexOf("{");
  for (let spans = 0; start !== -1 && start < last && spans < MAX_SPANS; spans += 1) {
    candidates.push(reply.slice(start, last + 1));
    start = reply.indexOf("{", start + 1);
  }
  return candidates;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.trim());
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function normalize(choice: string): string {
  return choice.trim().toLowerCase();
}
