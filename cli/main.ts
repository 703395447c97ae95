import { COMMANDS, usage } from "./commands";

/** Entry point: `flywheel <command> [sub] [args] [--json]`. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (e) {
    process.stderr.write(`flywheel ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}
