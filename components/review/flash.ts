"use client";
import { create } from "zustand";

/** A one-line message that survives the move to the next case ("Case #12 approved"). */
export const useFlash = create<{ message: string | null; at: number; show: (message: string) => void; clear: () => void }>((set) => ({
  message: null,
  at: 0,
  show: (message) => set({ message, at: Date.now() }),
  clear: () => set({ message: null }),
}));
