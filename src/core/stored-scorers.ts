import { z } from "zod";
import { ExperimentConfigSchema, type ScorerRef } from "./config/schema.js";

// Only the scorers are read: the gate has its own reader (stored-gate.ts), which refuses a bad one.
const StoredScorersSchema = z.looseObject({ scorers: ExperimentConfigSchema.shape.scorers });

/**
 * The scorers kept with an experiment version (`definition` as stored by the engine), to show
 * which scorers a run was judged by; undefined when the stored definition holds none readable.
 */
export function storedScorersOf(definition: unknown): ScorerRef[] | undefined {
  const parsed = StoredScorersSchema.safeParse(definition);
  return parsed.success ? parsed.data.scorers : undefined;
}
