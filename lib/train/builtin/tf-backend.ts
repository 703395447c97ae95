import * as tf from "@tensorflow/tfjs-core";
import { DomainError } from "@/lib/errors";

/**
 * Which tfjs backend the built-in policy computes on: "webgpu" (tfjs-backend-webgpu on Dawn
 * through the `webgpu` package: a real GPU where an adapter exists), "wasm" (SIMD on the CPU, the
 * default: about 10–25 GFLOP/s on two cores) or "cpu" (plain JS, slow; a last resort). Chosen by
 * the model option `backend`, else FLYWHEEL_TFJS_BACKEND. WebGPU without an adapter falls back to
 * wasm and says so.
 */
export const TF_BACKENDS = ["webgpu", "wasm", "cpu"] as const;
export type TfBackend = (typeof TF_BACKENDS)[number];

export interface BackendChoice {
  backend: TfBackend;
  /** Why it is this one (a fallback's reason included). */
  note: string;
  fellBack: boolean;
}

async function startWebgpu(): Promise<string> {
  type Adapter = { info?: { vendor?: string; architecture?: string; description?: string } };
  type Gpu = { requestAdapter(options?: object): Promise<Adapter | null> };
  const { create, globals } = (await import("webgpu")) as unknown as { create: (flags: string[]) => Gpu; globals: Record<string, unknown> };
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) throw new Error("Dawn found no GPU adapter (no Vulkan driver with a GPU?)");
  raiseDeviceLimits(gpu, adapter as unknown as LimitedAdapter);
  const g = globalThis as { navigator?: object };
  if (!g.navigator) g.navigator = {};
  Object.defineProperty(g.navigator, "gpu", { value: gpu, configurable: true });
  await import("@tensorflow/tfjs-backend-webgpu");
  if (!(await tf.setBackend("webgpu"))) throw new Error("tfjs could not initialise its webgpu backend");
  const info = adapter.info;
  return [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(" ") || "GPU adapter";
}

type LimitedAdapter = { limits: Record<string, number>; requestDevice(d?: { requiredLimits?: Record<string, number> }): Promise<unknown> };

/**
 * tfjs asks for a device with WebGPU's default limits, and its addN (summing gradients of many
 * parameters) then needs more storage buffers per stage than the default 8 (an H200 allows far
 * more). Every device it requests from this adapter gets the adapter's own maxima instead.
 */
function raiseDeviceLimits(gpu: { requestAdapter(o?: object): Promise<unknown> }, adapter: LimitedAdapter): void {
  const wanted = ["maxStorageBuffersPerShaderStage", "maxComputeWorkgroupStorageSize", "maxComputeInvocationsPerWorkgroup", "maxStorageBufferBindingSize", "maxBufferSize"];
  const request = adapter.requestDevice.bind(adapter);
  adapter.requestDevice = (d = {}) =>
    request({ ...d, requiredLimits: { ...Object.fromEntries(wanted.filter((k) => adapter.limits[k] !== undefined).map((k) => [k, adapter.limits[k]])), ...d.requiredLimits } });
  gpu.requestAdapter = async () => adapter;
}

async function startCpuBackend(name: "wasm" | "cpu"): Promise<void> {
  if (name === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  else await import("@tensorflow/tfjs-backend-cpu");
  if (!(await tf.setBackend(name))) throw new DomainError("internal", `tfjs could not initialise its ${name} backend`);
}

/** Sets the tfjs backend for this process (once: later calls with the same wish return the same choice). */
export async function selectTfBackend(wish?: string): Promise<BackendChoice> {
  const wanted = (wish || process.env.FLYWHEEL_TFJS_BACKEND || "wasm").toLowerCase();
  if (!TF_BACKENDS.includes(wanted as TfBackend)) throw new DomainError("invalid", `tfjs backend "${wanted}" is not one of ${TF_BACKENDS.join(", ")}`);
  if (tf.getBackend() === wanted && tf.findBackend(wanted)) return { backend: wanted as TfBackend, note: `tfjs ${wanted} (already active)`, fellBack: false };
  if (wanted === "webgpu") {
    try {
      const adapter = await startWebgpu();
      return { backend: "webgpu", note: `tfjs webgpu on ${adapter}`, fellBack: false };
    } catch (e) {
      await startCpuBackend("wasm");
      return { backend: "wasm", note: `WebGPU is unavailable (${(e as Error).message}); falling back to tfjs wasm on the CPU`, fellBack: true };
    }
  }
  await startCpuBackend(wanted as "wasm" | "cpu");
  return { backend: wanted as TfBackend, note: `tfjs ${wanted} on the CPU`, fellBack: false };
}
