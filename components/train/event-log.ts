import type { StoredEvent } from "@/db/queries/train-runs";
import { isTerminal, type RunStatus } from "@/lib/train/protocol";

/** A run's events as the panel holds them while polling: appended page by page, never refetched whole. */
export type EventLog = {
  events: StoredEvent[];
  /** The id to poll `after` next. */
  lastId: number;
  status: RunStatus | null;
  /** True once the run is terminal and a poll brought nothing new: the log is complete, polling stops. */
  isSettled: boolean;
};

export type EventPage = { status: RunStatus; events: StoredEvent[] };

export const EMPTY_LOG: EventLog = { events: [], lastId: 0, status: null, isSettled: false };

/**
 * Adds a page of events to the log. Events at or below `lastId` are dropped (a page that raced
 * another). The same log object comes back when nothing changed, so nothing re-renders.
 */
export function appendPage(prev: EventLog, page: EventPage): EventLog {
  const fresh = page.events.filter((e) => e.id > prev.lastId);
  const isSettled = isTerminal(page.status) && fresh.length === 0;
  if (!fresh.length && prev.status === page.status && prev.isSettled === isSettled) return prev;
  return {
    events: fresh.length ? [...prev.events, ...fresh] : prev.events,
    lastId: fresh.length ? fresh[fresh.length - 1].id : prev.lastId,
    status: page.status,
    isSettled,
  };
}
