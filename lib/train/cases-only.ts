import { isProblemTask, type EpisodeTask } from "@/lib/rollout";
import type { RoundData, TrainEventInput } from "./protocol";

/**
 * A round's cases without its reasoning problems, for a backend that cannot play problems; what
 * it leaves out goes to the run's log as a warning (never silently).
 */
export function casesOnly(data: RoundData, emit: (event: TrainEventInput) => void, why: string): RoundData<EpisodeTask> {
  const keep = (tasks: RoundData["train"]) => tasks.filter((t): t is EpisodeTask => !isProblemTask(t));
  const cases = { ...data, train: keep(data.train), validation: keep(data.validation) };
  const dropped = { train: data.train.length - cases.train.length, validation: data.validation.length - cases.validation.length };
  if (dropped.train + dropped.validation) {
    emit({ type: "log", level: "warn", message: `skipping ${dropped.train} training and ${dropped.validation} validation problem(s) of ${data.label}: ${why}; the round trains on its ${cases.train.length} + ${cases.validation.length} cases` });
  }
  return cases;
}
