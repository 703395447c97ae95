import { unzipSync } from "fflate";
import { parquetReadObjects } from "hyparquet";
import type { DoubleJob, JobScript, RayJobsDouble, ScriptStep } from "./ray-jobs-double";

/**
 * What the Ray Jobs double plays for a studio package: it reads the package the job names (the
 * overrides decide steps, validation and save points; val.parquet the data sources), makes the
 * agent loop's HTTP calls for one task against the environment server named in the job's
 * env_vars, then prints verl-shaped lines: console `step:N - k:v` (behind Ray's actor prefix),
 * file-logger JSONL, and checkpoint folders. A package or environment that does not work
 * fails the job, as on a cluster.
 */
export interface VerlScriptOptions {
  /** Time between beats (default 10 ms). */
  stepMs?: number;
  /** Make the agent loop's calls to the environment server (default true). */
  probeEnv?: boolean;
  /** End the job FAILED after this step instead of finishing. */
  failAfterStep?: number;
}

const PREFIX = "(TaskRunner pid=4242) ";

export function verlScript(options: VerlScriptOptions = {}): JobScript {
  return async (job: DoubleJob, double: RayJobsDouble) => {
    const beat = options.stepMs ?? 10;
    const pkg = readPackage(job, double);
    const overrides = new Map(pkg.text("overrides.txt").split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)] as const));
    const steps = Number(overrides.get("trainer.total_training_steps"));
    const testFreq = Number(overrides.get("trainer.test_freq"));
    const saveFreq = Number(overrides.get("trainer.save_freq"));
    const valBefore = overrides.get("trainer.val_before_train") === "True";
    const val = await parquetReadObjects({ file: pkg.buffer("val.parquet") });
    const sources = [...new Set(val.map((r) => String(r.data_source)))].sort();
    const out: ScriptStep[] = [{ afterMs: beat, line: `flywheel: verl 0.9.1, checkpoints in /ckpt, environment at ${job.submission.runtime_env?.env_vars?.STUDIO_ENV_URL}` }];
    if (options.probeEnv ?? true) out.push({ afterMs: 0, line: `(AgentLoopWorker pid=77) ${await probeEnvironment(job, pkg)}` });
    const validate = (step: number) => {
      const parts = sources.map((s, i) => `val-core/${s}/reward/mean@1:${round(0.25 + 0.05 * step + 0.1 * i)}`);
      out.push({ afterMs: beat, line: `${PREFIX}step:${step} - ${parts.join(" - ")}` });
    };
    if (valBefore) validate(0);
    for (let step = 1; step <= steps; step++) {
      const data = { "critic/score/mean": round(Math.min(1, 0.2 + 0.1 * step)), "actor/pg_loss": round(-0.01 * step), "actor/kl_loss": round(0.001 * step), "response_length/mean": 120 + step, "timing_s/step": 3.5 };
      out.push({ afterMs: beat, line: `${PREFIX}step:${step} - ${Object.entries(data).map(([k, v]) => `${k}:${v}`).join(" - ")}` });
      out.push({ afterMs: 0, line: JSON.stringify({ step, elapsed_seconds: step * 3.5, data: { ...data, "actor/entropy": round(1.5 - 0.1 * step) } }) });
      if (step === options.failAfterStep) {
        out.push({ afterMs: 0, line: `${PREFIX}Traceback (most recent call last):\n${PREFIX}torch.OutOfMemoryError: CUDA out of memory.` });
        out.push({ afterMs: beat, status: "FAILED", message: "Job entrypoint command failed with exit code 1" });
        return out;
      }
      if (testFreq > 0 && (step % testFreq === 0 || step === steps)) validate(step);
      if (saveFreq > 0 && (step % saveFreq === 0 || step === steps)) out.push({ afterMs: 0, line: `${PREFIX}local_global_step_folder: /ckpt/global_step_${step}` });
    }
    out.push({ afterMs: beat, status: "SUCCEEDED" });
    return out;
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function readPackage(job: DoubleJob, double: RayJobsDouble) {
  const name = String(job.submission.runtime_env?.working_dir ?? "").replace(/^gcs:\/\//, "");
  const zip = double.packages.get(name);
  if (!zip) throw new Error(`working_dir ${name} was not uploaded`);
  const files = unzipSync(new Uint8Array(zip));
  const file = (f: string) => {
    if (!files[f]) throw new Error(`the package has no ${f}`);
    return files[f];
  };
  return {
    text: (f: string) => new TextDecoder().decode(file(f)),
    buffer: (f: string) => file(f).slice().buffer as ArrayBuffer,
  };
}

/** The agent loop's calls for the first training task: open a session, one text turn, the score, close. */
async function probeEnvironment(job: DoubleJob, pkg: ReturnType<typeof readPackage>): Promise<string> {
  const vars = job.submission.runtime_env?.env_vars ?? {};
  const url = vars.STUDIO_ENV_URL ?? JSON.parse(pkg.text("studio_run.json")).env_url;
  const headers = { "content-type": "application/json", ...(vars.STUDIO_ENV_TOKEN ? { authorization: `Bearer ${vars.STUDIO_ENV_TOKEN}` } : {}) };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw new Error(`environment server ${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const [row] = await parquetReadObjects({ file: pkg.buffer("train.parquet"), rowEnd: 1 });
  const taskId = String(row.extra_info.index);
  const opened = await call("POST", "/sessions", { task_id: taskId, max_turns: 4 });
  const step = await call("POST", `/sessions/${opened.session_id}/step`, { message: { role: "assistant", content: "Could you give me the details of your request?" } });
  const score = await call("GET", `/sessions/${opened.session_id}/score`);
  await call("DELETE", `/sessions/${opened.session_id}`);
  return `studio env: task ${taskId} opened with ${opened.messages.length} messages and ${opened.tools.length} tools; the user answered ${step.appended.length} message(s); reward so far ${score.reward}`;
}
