import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { isTerminal, parseEventLine, type RunStatus, type TrainEventInput } from "./protocol";

export interface WorkerProcessOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  emit: (event: TrainEventInput) => void;
  /** Aborted: SIGTERM (the worker saves a checkpoint and ends STOPPED), SIGKILL after `graceMs`. */
  signal: AbortSignal;
  graceMs?: number;
}

/** Lines of stderr kept to explain a crash. */
const STDERR_TAIL = 40;

/**
 * Runs a trainer worker as a child process: its stdout is the protocol's JSONL (anything else
 * there becomes a log event, never lost), stderr lines become log events too. The result is the
 * last status the worker reported; a worker that exits without a terminal status has failed,
 * unless it was asked to stop (then STOPPED).
 */
export function runWorkerProcess(options: WorkerProcessOptions): Promise<RunStatus> {
  const { command, args, env, cwd, emit, signal, graceMs = 30_000 } = options;
  return new Promise((resolve) => {
    let last: RunStatus | null = null;
    const stderrTail: string[] = [];
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      emit({ type: "log", level: "info", message: "stop requested: asking the worker to save a checkpoint and stop" });
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });

    createInterface({ input: child.stdout }).on("line", (line) => {
      const event = parseEventLine(line);
      if (!event) return;
      if (event.type === "status") last = event.status;
      emit(event);
    });
    createInterface({ input: child.stderr }).on("line", (line) => {
      if (!line.trim()) return;
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL) stderrTail.shift();
      emit({ type: "log", level: "warn", message: line });
    });

    let finished = false;
    const finish = (status: RunStatus, message: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(killTimer);
      signal.removeEventListener("abort", onAbort);
      if (last === null || !isTerminal(last)) emit({ type: "status", status, message });
      resolve(last !== null && isTerminal(last) ? last : status);
    };
    child.on("error", (e) => finish("FAILED", `could not start ${command}: ${e.message}`));
    child.on("close", (code, sig) => {
      if (last !== null && isTerminal(last)) return finish(last, "");
      if (signal.aborted) return finish("STOPPED", `worker ended after the stop request (${sig ?? `exit ${code}`})`);
      if (code === 0) return finish("FAILED", "the worker exited without reporting a final status");
      finish("FAILED", `the worker exited with ${sig ?? `code ${code}`}${stderrTail.length ? `: ${stderrTail.slice(-5).join(" | ")}` : ""}`);
    });
  });
}
