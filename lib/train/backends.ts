import { DomainError } from "@/lib/errors";
import type { Backend, TrainerBackend } from "./protocol";

// Loaded lazily: the TRL backend pulls in the Python worker's set-up, the Ray one the parquet
// writer; starting a builtin round needs neither.
const LOADERS: Record<Backend, () => Promise<TrainerBackend>> = {
  builtin: async () => (await import("./builtin/backend")).builtinBackend,
  trl: async () => (await import("./trl/backend")).trlBackend,
  "verl-ray": async () => (await import("./ray/backend")).rayBackend,
};

export function loadBackend(name: Backend): Promise<TrainerBackend> {
  const load = LOADERS[name];
  if (!load) throw new DomainError("invalid", `Unknown trainer backend "${name}". Known: ${Object.keys(LOADERS).join(", ")}.`);
  return load();
}

export interface BackendAvailability {
  backend: Backend;
  available: boolean;
  /** What it runs on when available; what is missing otherwise. */
  reason: string;
}

const DOCTOR_TTL_MS = 60_000;
let doctorCache: { at: number; value: BackendAvailability } | undefined;

async function trlAvailability(): Promise<BackendAvailability> {
  if (doctorCache && Date.now() - doctorCache.at < DOCTOR_TTL_MS) return doctorCache.value;
  const { trlDoctor } = await import("./trl/doctor");
  const d = await trlDoctor();
  const device = d.cuda.available ? d.cuda.devices.map((x) => `${x.name} (${x.memoryGiB} GiB)`).join(", ") : "CPU";
  const value: BackendAvailability = d.ok
    ? { backend: "trl", available: true, reason: `torch ${d.torch ?? "?"} on ${device}` }
    : { backend: "trl", available: false, reason: `${d.problems.join("; ")} — run: npx flywheel trainer setup` };
  doctorCache = { at: Date.now(), value };
  return value;
}

/** Which backends can start a round here, and why not. */
export async function backendAvailability(): Promise<BackendAvailability[]> {
  const ray = process.env.FLYWHEEL_RAY_ADDRESS;
  return [
    { backend: "builtin", available: true, reason: "built-in policy on tfjs (wasm on CPU, WebGPU where a GPU is present)" },
    await trlAvailability().catch((e: Error): BackendAvailability => ({ backend: "trl", available: false, reason: e.message })),
    ray
      ? { backend: "verl-ray", available: true, reason: `Ray cluster at ${ray}` }
      : { backend: "verl-ray", available: false, reason: "no Ray cluster configured: set FLYWHEEL_RAY_ADDRESS to its dashboard URL (e.g. http://head:8265)" },
  ];
}
