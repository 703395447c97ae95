/** The one error type the core throws; the API layer maps `code` to an HTTP status. */
export type DomainErrorCode = "invalid" | "unauthenticated" | "not_found" | "forbidden" | "conflict" | "limit" | "internal";

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
    /** Structured detail safe to show a user (validation messages, the current revision …). */
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
