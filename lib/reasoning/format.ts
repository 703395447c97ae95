import type { Answer } from "./schema";

/** The answer as an agent should write it (the oracle's reply, the chat export's last turn, the page). */
export function formatAnswer(answer: Answer): string {
  return Array.isArray(answer.value) ? answer.value.join(", ") : String(answer.value);
}
