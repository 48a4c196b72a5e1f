import type { ModelPrice, PriceTable } from "../core/config/schema.js";
import type { TargetResult, Usage } from "../core/model/run-item.js";

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * The cost of one call in US dollars from its token usage and its model's prices (dollars per
 * million tokens): input·(input − cached) + cached_input·cached + output·output, over a million.
 * Cached input tokens are priced at `cached_input`, the input price when the table has none;
 * cache writes are priced as input. No cost without both input and output counts: a cost from
 * half the tokens would be too low, and `cost_max` would pass on it.
 */
export function costFromPrice(usage: Usage, price: ModelPrice): number | undefined {
  const { input_tokens: input, output_tokens: output } = usage;
  if (input === undefined || output === undefined) return undefined;
  const cached = Math.min(usage.cached_input_tokens ?? 0, input);
  const dollarsTimesMillion =
    price.input * (input - cached) + (price.cached_input ?? price.input) * cached + price.output * output;
  return dollarsTimesMillion / TOKENS_PER_PRICE_UNIT;
}

/**
 * Adds the cost from the price table to a target's result, for every kind of target, when the
 * target reported no cost itself (its own figure wins: it knows its discounts) and the table
 * has the model the result names. Anything else leaves the result as it is.
 */
export function applyPrices(result: TargetResult, prices: PriceTable | undefined): TargetResult {
  if (prices === undefined || result.cost !== undefined || result.usage === undefined || result.model === undefined) {
    return result;
  }
  // An own property only: a model named "constructor" must not find Object's.
  const price = Object.hasOwn(prices, result.model) ? prices[result.model] : undefined;
  if (price === undefined) return result;
  const cost = costFromPrice(result.usage, price);
  return cost === undefined ? result : { ...result, cost };
}
