import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import { DomainError } from "@/lib/errors";
import type { Agent } from "@/lib/rollout";
import type { OpenAITool } from "@/lib/sim";
import { checkCheckpointDir } from "./job";
import { hasVenv, trainerPaths, workerEnv } from "./paths";

export interface TrlAgentOptions {
  /** 0: greedy (default FLYWHEEL_TRL_TEMPERATURE, else 0). */
  temperature?: number;
  /** Tokens a turn may take (default FLYWHEEL_TRL_MAX_NEW_TOKENS, else 256). */
  maxNewTokens?: number;
  /** "cpu" forces the CPU; default CUDA when torch sees a device. */
  device?: "auto" | "cpu" | "cuda";
}

type Pending = { resolve: (m: AssistantMessage) => void; reject: (e: Error) => void };

/**
 * A TRL checkpoint as an agent: a long-lived Python process (`flywheel_trl serve`) loads it once
 * and answers one JSON line per turn; the episode itself (tools, user, reward) stays with the
 * caller, the studio's environment. `close()` ends the process (it also ends when this one exits).
 */
export async function loadTrlAgent(checkpointDir: string, options: TrlAgentOptions = {}): Promise<Agent & { close(): Promise<void> }> {
  const paths = trainerPaths();
  if (!hasVenv(paths)) throw new DomainError("invalid", `the TRL trainer is not set up (no ${paths.venvDir}): run npx flywheel trainer setup`);
  const temperature = options.temperature ?? envNumber("FLYWHEEL_TRL_TEMPERATURE", 0);
  const maxNewTokens = options.maxNewTokens ?? envNumber("FLYWHEEL_TRL_MAX_NEW_TOKENS", 256);
  const dir = path.resolve(/*turbopackIgnore: true*/ checkpointDir);
  checkCheckpointDir(dir);
  const child = spawn(paths.python, ["-m", "flywheel_trl", "serve", dir], {
    env: { ...process.env, ...workerEnv(paths), FLYWHEEL_TRL_DEVICE: options.device ?? "auto" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: string[] = [];
  child.stderr.on("data", (c: Buffer) => stderr.push(...c.toString().split("\n").filter(Boolean)) && stderr.splice(0, Math.max(0, stderr.length - 20)));
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited: string | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      let reply: { ready?: boolean; id?: number; message?: unknown; error?: string };
      try {
        reply = JSON.parse(line);
      } catch {
        return; // a library's stray print
      }
      if (reply.ready) return resolve();
      const waiter = reply.id !== undefined ? pending.get(reply.id) : undefined;
      if (!waiter) return;
      pending.delete(reply.id!);
      if (reply.error) return waiter.reject(new DomainError("internal", `TRL agent ${dir}: ${reply.error}`));
      const parsed = AssistantMessage.safeParse(reply.message);
      if (parsed.success) waiter.resolve(parsed.data);
      else waiter.reject(new DomainError("internal", `TRL agent ${dir} answered a malformed message: ${parsed.error.message}`));
    });
    child.on("error", (e) => reject(new DomainError("invalid", `could not start the TRL agent: ${e.message}`)));
    child.on("close", (code) => {
      exited = `the TRL agent process exited (${code})${stderr.length ? `: ${stderr.slice(-3).join(" | ")}` : ""}`;
      reject(new DomainError("invalid", exited));
      for (const w of pending.values()) w.reject(new DomainError("internal", exited));
      pending.clear();
    });
  });
  await ready;
  // An idle agent must not keep its parent alive (it ends on stdin's end when the parent goes); a
  // pending turn must, or the parent could exit while it waits.
  const hold = () => setRef(child, pending.size > 0);
  hold();

  return {
    name: `trl:${checkpointDir}`,
    act(messages: ChatMessage[], tools: OpenAITool[], signal?: AbortSignal) {
      if (exited) return Promise.reject(new DomainError("internal", exited));
      signal?.throwIfAborted();
      const id = nextId++;
      return new Promise<AssistantMessage>((resolve, reject) => {
        const finish = () => {
          signal?.removeEventListener("abort", onAbort);
          pending.delete(id);
          hold();
        };
        const onAbort = () => (finish(), reject(signal!.reason ?? new Error("aborted")));
        signal?.addEventListener("abort", onAbort, { once: true });
        pending.set(id, { resolve: (m) => (finish(), resolve(m)), reject: (e) => (finish(), reject(e)) });
        hold();
        child.stdin.write(JSON.stringify({ id, messages, tools, temperature, max_new_tokens: maxNewTokens }) + "\n");
      });
    },
    async close() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once("close", () => resolve()));
      setRef(child, true); // this process waits for the agent's to end
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await done;
      clearTimeout(timer);
    },
  };
}

function setRef(child: ChildProcessWithoutNullStreams, on: boolean): void {
  if (on) child.ref();
  else child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    const handle = stream as unknown as { ref?: () => void; unref?: () => void };
    if (on) handle.ref?.();
    else handle.unref?.();
  }
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new DomainError("invalid", `${name} must be a number ≥ 0, got "${raw}"`);
  return value;
}
