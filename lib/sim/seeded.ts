import { stableHash } from "@/lib/chat/schema";

/**
 * Seeded choice without state: the same seed and salt always pick the same item, so a
 * simulator can re-read a conversation from the start and word each turn exactly as before.
 */
export function pick<T>(items: readonly T[], seed: number, ...salt: (string | number)[]): T {
  if (!items.length) throw new Error("pick: no items to choose from");
  return items[stableHash(`${seed}|${salt.join("|")}`) % items.length];
}
