export type Command = { run: (argv: string[]) => Promise<number> | number };

type Entry = { summary: string; load: () => Promise<Command> };

/** Commands load lazily: `flywheel domains` does not pay for the synthesizer or the importers. */
export const COMMANDS: Record<string, Entry> = {
  db: { summary: "db init — migrate the database and seed the example domains (idempotent)", load: async () => (await import("./db-command")).dbCommand },
  domains: { summary: "domains [--json] — domains with their trees and branch counts per outcome", load: async () => (await import("./domains-command")).domainsCommand },
  tree: { summary: "tree validate <file.json> [--domain slug] [--json] — validate a tree (exit 1 when invalid)", load: async () => (await import("./tree-command")).treeCommand },
  verify: { summary: "verify <domain-slug> [--seed N] [--json] — synthesize and prove one case per branch", load: async () => (await import("./verify-command")).verifyCommand },
  cases: { summary: "cases <domain-slug> --out FILE [--status verified] — write the domain's cases as JSONL", load: async () => (await import("./cases-command")).casesCommand },
  snapshot: { summary: "snapshot <domain-slug> [--approved] [--seed N] [--validation-ratio R] [--json] — freeze verified cases into a versioned dataset", load: async () => (await import("./snapshot-command")).snapshotCommand },
  export: { summary: "export <snapshot-id> --format verl|chat|tau2 --out DIR [--no-tokens] [--json] — write a snapshot's dataset files and card", load: async () => (await import("./export-command")).exportCommand },
  import: { summary: "import <file> [--domain slug] [--json] — import the paper's records (JSON/JSONL) or a policy tree", load: async () => (await import("./import-command")).importCommand },
  worker: { summary: "worker [--once] [--concurrency N] — run queued jobs in the foreground (--once: until none is left)", load: async () => (await import("./worker-command")).workerCommand },
  jobs: { summary: "jobs list|show <id>|cancel <id>|pause <id>|resume <id> [--retry-failed]|enqueue <kind> --input JSON [--json]", load: async () => (await import("./jobs-command")).jobsCommand },
  train: { summary: "train <domain-slug|snapshot-id> [--backend builtin|trl|verl-ray] [--steps N] [--seed S] [--json] — train one round and report the validation reward", load: async () => (await import("./train")).trainCommand },
  eval: { summary: "eval <snapshot-id|domain-slug> --agent builtin:<ckpt>|openai:<model>|trl:<dir>|oracle|hack [--trials K] [--split validation|train|all] [--user scripted|llm] [--json] — pass@1 and pass^k of an agent", load: async () => (await import("./eval")).evalCommand },
  reasoning: { summary: "reasoning generate|harden|import|eval|export … [--json] — verifiable problems that get harder where the policy fails", load: async () => (await import("./reasoning")).reasoningCommand },
  "train-worker": { summary: "train-worker <job.json> — the built-in trainer's worker process (started by the studio; JSONL events on stdout)", load: async () => (await import("./train-worker")).trainWorkerCommand },
  round: { summary: "round next <project> [--auto-approve-verified] | round project create <name> --domain SLUG [--backend builtin|none] | round list <project> | round replay <id> [--json] — run the flywheel's rounds", load: async () => (await import("./round")).roundCommand },
  users: { summary: "users add <email> --role curator|reviewer|admin [--password P] | users list — local sign-in accounts", load: async () => (await import("./users-command")).usersCommand },
  env: { summary: "env serve (--snapshot ID | --domain SLUG) [--port 8001] [--host H] [--token T] — serve cases as an RL environment (REST, OpenEnv /ws, /mcp)", load: async () => (await import("./env")).envCommand },
  trainer: { summary: "trainer setup|doctor [--json] — create and check the TRL trainer's Python environment (.flywheel/trainer-venv)", load: async () => (await import("./trainer")).trainerCommand },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(9)} ${c.summary}`);
  return `Usage: flywheel <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nThe database is FLYWHEEL_DB (default data/flywheel.db); it is migrated and seeded on first use.\n`;
}
