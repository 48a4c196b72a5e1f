/**
 * A small deterministic "support agent": it classifies a customer message, looks the order up
 * with a tool call and answers JSON. Two versions differ the way real prompt changes do: the
 * candidate understands more phrasings (fixes) but breaks its JSON and skips a lookup on some
 * messages (regressions).
 */
export type AgentVersion = "baseline" | "candidate";

export interface AgentAnswer {
  output: string;
  tool_calls: { name: string; arguments: string }[];
  usage: { input_tokens: number; output_tokens: number };
  cost: number;
  latency_ms: number;
}

const INTENTS: [RegExp, string][] = [
  [/\b(refund|money back|reimburse)/, "refund"],
  [/\bcancel/, "cancel"],
  [/\b(address|ship (it )?to)\b/, "change_address"],
  [/\b(where|track|status|arrive|shipped)\b/, "order_status"],
];

export function answer(message: string, version: AgentVersion): AgentAnswer {
  const text = message.toLowerCase();
  const intent = classify(text, version);
  const orderId = findOrderId(message, version);
  const skipsLookup = version === "candidate" && intent === "change_address" && /\bnew\b/.test(text);
  const toolCalls =
    orderId && !skipsLookup ? [{ name: "search_orders", arguments: JSON.stringify({ order_id: orderId }) }] : [];
  const reply = replyFor(intent, orderId);
  const json = JSON.stringify({ intent, order_id: orderId ?? null, reply });
  // The candidate's new prompt makes it chat before answering on questions about cancelling.
  const output = version === "candidate" && intent === "cancel" && message.includes("?") ? `Sure! ${json}` : json;
  const inputTokens = Math.ceil(message.length / 4);
  const outputTokens = Math.ceil(output.length / 4);
  const rate = version === "baseline" ? 0.000002 : 0.0000015;
  return {
    output,
    tool_calls: toolCalls,
    usage: { input_tokens: inputTokens, output_tokens: outputTokens },
    cost: Number(((inputTokens + outputTokens) * rate).toFixed(8)),
    latency_ms: 4 + (message.length % 7) + (version === "candidate" ? 2 : 0),
  };
}

function classify(text: string, version: AgentVersion): string {
  for (const [pattern, intent] of INTENTS) {
    if (version === "baseline" && intent === "refund" && !/\brefund/.test(text)) continue;
    if (pattern.test(text)) return intent;
  }
  return "other";
}

function findOrderId(message: string, version: AgentVersion): string | undefined {
  const pattern = version === "baseline" ? /\b[A-Z]\d{4}\b/ : /\b[A-Za-z]\d{4}\b/;
  return pattern.exec(message)?.[0].toUpperCase();
}

function replyFor(intent: string, orderId: string | undefined): string {
  const order = orderId ? `order ${orderId}` : "your order";
  switch (intent) {
    case "refund":
      return `I have started a refund for ${order}.`;
    case "cancel":
      return `I have cancelled ${order}.`;
    case "change_address":
      return `I can change the delivery address of ${order}.`;
    case "order_status":
      return `${order} is on its way.`;
    default:
      return "How can I help you with your order?";
  }
}
