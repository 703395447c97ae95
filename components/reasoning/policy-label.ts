/**
 * A policy as a narrow column shows it: a checkpoint's folder shortened to its last two parts
 * ("builtin:…/checkpoints/step-4"); reference solvers and model names as they are.
 */
export function policyLabel(policy: string): string {
  const m = /^(builtin|trl):(.+)$/.exec(policy);
  if (!m) return policy;
  const parts = m[2].split(/[\\/]/).filter(Boolean);
  return parts.length > 2 ? `${m[1]}:…/${parts.slice(-2).join("/")}` : policy;
}
