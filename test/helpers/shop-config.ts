/** A user's evalgate.yml: comments, aligned comments and flow maps that must survive an edit. */
export const CONFIG = `# evalgate config for the shop
version: 1
experiments:
  # answers must look up the order
  support-agent-quality:
    description: Answers are valid JSON and look up the order.
    dataset: evals/support.jsonl            # JSONL, CSV or a JSON array
    target:
      type: http                            # http | prompt | command
      url: \${EVALGATE_TARGET_URL}/api/agent
      headers: { Authorization: "Bearer \${AGENT_TOKEN}" }
      output: output
      timeout: 30s
    scorers:
      - json_valid
      - { name: equals, config: { field: expected } }
    gate: { passed_threshold: 0.9 }         # minimum fraction of items that pass
    concurrency: 4

# keep this comment
`;
