// Every job kind the studio knows. A module that defines a kind calls `registerJobKind` at its
// top level and adds its import here, so the worker, the in-process runner and `enqueueJob`
// all know it without importing each other.
const LOADERS: (() => Promise<unknown>)[] = [
  () => import("./demo-llm-echo"),
  () => import("@/lib/generate/job"),
  () => import("@/lib/expand/job"),
  () => import("@/lib/train/job"),
  () => import("@/lib/export/tokens-job"),
  () => import("@/lib/eval/job"),
  () => import("@/lib/reasoning/job"),
  () => import("@/lib/rounds/job"),
];

let loaded: Promise<void> | undefined;

/** Imports every job kind module once (they register themselves). */
export function loadJobKinds(): Promise<void> {
  loaded ??= Promise.all(LOADERS.map((load) => load())).then(() => undefined);
  return loaded;
}
