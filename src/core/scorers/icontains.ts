import { containsScorer } from "./contains.js";

export const icontains = containsScorer("icontains", false);
