"use client";
import type { ReactNode } from "react";
import { LOSS_AGG_MODES, type GrpoSettings, type Schedule } from "@/lib/train/protocol";

type Field<K extends string> = { key: K; label: string; help: string; step?: string; min?: number; max?: number };

const GRPO: Field<keyof GrpoSettings>[] = [
  { key: "n", label: "Group size", help: "Rollouts per task; advantages compare them. More = steadier signal, slower steps.", min: 2, max: 64 },
  { key: "batchSize", label: "Tasks per step", help: "Cases sampled each step (verl train_batch_size).", min: 1, max: 1024 },
  { key: "learningRate", label: "Learning rate", help: "Optimizer step size. Lower it if the reward collapses.", step: "any", min: 0 },
  { key: "clipRatio", label: "Clip ratio", help: "PPO clip ε: how far one update may move a token's probability.", step: "any", min: 0, max: 1 },
  { key: "klCoef", label: "KL coefficient", help: "Pull toward the starting policy; 0 turns it off.", step: "any", min: 0, max: 10 },
  { key: "temperature", label: "Temperature", help: "Sampling temperature of rollouts; higher explores more.", step: "any", min: 0, max: 5 },
  { key: "maxTurns", label: "Max turns", help: "Agent turns before an episode is cut off.", min: 1, max: 64 },
  { key: "maxNewTokens", label: "Max new tokens", help: "Tokens per agent turn.", min: 1, max: 32768 },
];

const SCHEDULE: Field<keyof Schedule>[] = [
  { key: "steps", label: "GRPO steps", help: "Policy-gradient steps after the warm start.", min: 0 },
  { key: "sftSteps", label: "SFT steps", help: "Supervised warm start on the oracle's solutions first: cases' normal paths, problems' reads and answers (0: none).", min: 0 },
  { key: "evalEvery", label: "Evaluate every", help: "Steps between validation runs (also at the start and end).", min: 1 },
  { key: "saveEvery", label: "Save every", help: "Steps between checkpoints (also at the end).", min: 1 },
];

function NumberFields<K extends string>({ fields, values, onChange, prefix, children }: { fields: Field<K>[]; values: Record<K, string>; onChange: (key: K, value: string) => void; prefix: string; children?: ReactNode }) {
  return (
    <div className="fields">
      {fields.map((f) => (
        <label className="field" key={f.key}>
          <span>{f.label}</span>
          <input type="number" step={f.step ?? "1"} min={f.min} max={f.max} value={values[f.key]} onChange={(e) => onChange(f.key, e.target.value)} data-testid={`${prefix}-${f.key}`} />
          <small>{f.help}</small>
        </label>
      ))}
      {children}
    </div>
  );
}

/** The schedule's fields; `children` (the seed) joins the same grid. */
export function ScheduleFields({ values, onChange, children }: { values: Record<keyof Schedule, string>; onChange: (key: keyof Schedule, value: string) => void; children?: ReactNode }) {
  return <NumberFields fields={SCHEDULE} values={values} onChange={onChange} prefix="schedule">{children}</NumberFields>;
}

/** GRPO settings with their defaults and a line on what each does. */
export function GrpoFields({ values, onChange }: { values: Record<keyof GrpoSettings, string>; onChange: (key: keyof GrpoSettings, value: string) => void }) {
  return (
    <NumberFields fields={GRPO} values={values} onChange={onChange} prefix="grpo">
        <label className="field">
          <span>Loss aggregation</span>
          <select value={values.lossAggMode} onChange={(e) => onChange("lossAggMode", e.target.value)} data-testid="grpo-lossAggMode">
            {LOSS_AGG_MODES.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
          <small>How token losses are averaged (verl loss_agg_mode); token-mean suits most runs.</small>
        </label>
    </NumberFields>
  );
}

/** One line summing up the GRPO settings, for the collapsed section. */
export const grpoSummary = (g: Record<keyof GrpoSettings, string>) =>
  `group ${g.n}, ${g.batchSize} tasks/step, lr ${g.learningRate}, clip ${g.clipRatio}, KL ${g.klCoef}, temperature ${g.temperature}, ${g.maxTurns} turns × ${g.maxNewTokens} tokens`;
