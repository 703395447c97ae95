"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { AccountRow } from "@/lib/auth/accounts";
import type { Role } from "@/lib/auth/roles";

export const useAccounts = () =>
  useQuery({ queryKey: ["accounts"], queryFn: () => fetchJson<{ accounts: AccountRow[] }>("/api/users") });

export function useCreateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; name?: string; role: Role; password: string }) =>
      fetchJson<{ account: AccountRow }>("/api/users", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["accounts"] }),
  });
}

export function useChangeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => fetchJson<{ account: AccountRow }>(`/api/users/${id}`, { method: "PATCH", body: { role } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["accounts"] }),
  });
}
