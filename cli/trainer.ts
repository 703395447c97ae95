import { trlDoctor } from "@/lib/train/trl/doctor";
import { setupTrainerVenv } from "@/lib/train/trl/setup";
import type { Command } from "./commands";
import { args, fail, print, printJson } from "./io";

const USAGE = "usage: flywheel trainer setup [--json] | flywheel trainer doctor [--json]";

/** The TRL trainer's Python environment: create it (setup) and check it (doctor). */
export const trainerCommand: Command = {
  async run(argv) {
    const { positionals, values } = args(argv);
    const sub = positionals[0];
    if (sub === "setup") {
      const result = await setupTrainerVenv({ log: values.json ? () => {} : print });
      const report = await trlDoctor();
      if (values.json) printJson({ ...result, doctor: report });
      else print(`trainer environment ready at ${result.venvDir} in ${result.seconds.toFixed(0)} s${report.ok ? "" : ` — but: ${report.problems.join("; ")}`}`);
      return report.ok ? 0 : 1;
    }
    if (sub === "doctor") {
      const report = await trlDoctor();
      if (values.json) printJson(report);
      else {
        print(`python       ${report.python ?? "-"}`);
        print(`torch        ${report.torch ?? "-"}`);
        const devices = report.cuda.devices.map((d) => `${d.name} (${d.memoryGiB} GiB)`).join(", ");
        print(`cuda         ${report.cuda.available ? devices : "not available (training runs on the CPU, fp32)"}`);
        for (const [name, version] of Object.entries(report.versions)) print(`${name.padEnd(12)} ${version}`);
        print(report.ok ? "ok" : `problems:\n${report.problems.map((p) => `  - ${p}`).join("\n")}\nrun: npx flywheel trainer setup`);
      }
      return report.ok ? 0 : 1;
    }
    fail(USAGE);
    return 1;
  },
};
