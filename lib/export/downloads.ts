import { CHAT_FILES } from "./chat-jsonl";
import { VERL_FILES } from "./verl";
import type { Split } from "./types";

export type DownloadFormat = "chat" | "verl" | "tau2";

/**
 * Which files of an export make up a single download, and the download's file-name suffix:
 * verl is one parquet per split (train unless asked), chat one JSONL per split or both, tau2
 * its tasks.json.
 */
export function downloadFiles(format: DownloadFormat, split: Split | null): { names: string[]; suffix: string; split: Split | null } {
  if (format === "tau2") return { names: ["tasks.json"], suffix: "tasks.json", split: null };
  const target = format === "verl" ? (split ?? "train") : split;
  if (!target) return { names: Object.values(CHAT_FILES), suffix: "all.jsonl", split: null };
  const name = (format === "verl" ? VERL_FILES : CHAT_FILES)[target];
  return { names: [name], suffix: name, split: target };
}
