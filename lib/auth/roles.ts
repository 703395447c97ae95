import { z } from "zod";

/**
 * Roles: curators edit domains, trees and generation; reviewers judge cases; admins do
 * everything (including exports and accounts). One role per account.
 */
export const ROLES = ["curator", "reviewer", "admin"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Whether an account with `role` may act where any of `allowed` is required (admin always may). */
export function canAct(role: Role | null | undefined, allowed: readonly Role[]): boolean {
  if (!role) return false;
  return role === "admin" || allowed.includes(role);
}
