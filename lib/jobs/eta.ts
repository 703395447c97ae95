/**
 * Seconds until the remaining items finish, from the mean time of a finished item and how many
 * run at once. Null when nothing has finished yet (no mean) or nothing is running.
 */
export function estimateEtaSeconds({ remaining, meanItemMs, parallelism }: { remaining: number; meanItemMs: number | null; parallelism: number }): number | null {
  if (remaining <= 0) return 0;
  if (meanItemMs === null || parallelism <= 0) return null;
  return Math.round((remaining * meanItemMs) / parallelism / 100) / 10;
}
