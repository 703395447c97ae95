import { dbCommand } from "./db-command";
import { domainsCommand } from "./domains-command";
import { treeCommand } from "./tree-command";

export type Command = { summary: string; run: (argv: string[]) => Promise<number> | number };

export const COMMANDS: Record<string, Command> = {
  db: dbCommand,
  domains: domainsCommand,
  tree: treeCommand,
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`);
  return `Usage: flywheel <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nThe database is FLYWHEEL_DB (default data/flywheel.db); it is migrated and seeded on first use.\n`;
}
