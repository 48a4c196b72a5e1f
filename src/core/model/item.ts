import { z } from "zod";

/** One dataset item as stored: `id` is always set (its own, else a content hash). */
export const ItemSchema = z.object({
  id: z.string().min(1),
  input: z.json(),
  expected: z.json().optional(),
  metadata: z.record(z.string(), z.json()).optional(),
  /**
   * The item's own scorers, as the record wrote them (validated with the experiment when the
   * dataset is inspected): added to the experiment's, or replacing them with `scorers_mode`.
   */
  scorers: z.array(z.json()).optional(),
  scorers_mode: z.literal("replace").optional(),
});
export type Item = z.infer<typeof ItemSchema>;

/** What the dataset loader learned in its validating pass, before anything runs. */
export const DatasetInfoSchema = z.object({
  /** Path as written in the config (relative to the config file). */
  path: z.string(),
  format: z.enum(["jsonl", "csv", "json"]),
  /** Content hash of the canonical items, independent of their order in the file. */
  version: z.string(),
  item_count: z.number().int().nonnegative(),
});
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;
