import { DomainError, type DomainErrorCode } from "@/lib/errors";

export type LlmFailureKind = "rate_limit" | "server" | "timeout" | "connection" | "rejected" | "retry_after_too_long" | "bad_response";

export interface LlmErrorDetails {
  kind: LlmFailureKind;
  /** HTTP status of the last answer; undefined for timeouts and connection failures. */
  status: number | undefined;
  attempts: number;
  /** The provider's own words from the error body, when it sent any. */
  providerMessage: string | undefined;
  role: string;
  model: string;
}

/** Rejections say "fix your settings or request" (400); exhausted rate limits say "limit". */
const CODE_OF: Record<LlmFailureKind, DomainErrorCode> = {
  rate_limit: "limit",
  retry_after_too_long: "limit",
  rejected: "invalid",
  server: "internal",
  timeout: "internal",
  connection: "internal",
  bad_response: "internal",
};

/** The final error of an LLM call, after retries. */
export class LlmError extends DomainError {
  readonly kind: LlmFailureKind;
  readonly status: number | undefined;
  readonly attempts: number;
  readonly providerMessage: string | undefined;

  constructor(message: string, details: LlmErrorDetails) {
    super(CODE_OF[details.kind], message, details);
    this.name = "LlmError";
    this.kind = details.kind;
    this.status = details.status;
    this.attempts = details.attempts;
    this.providerMessage = details.providerMessage;
  }
}

/** The model never produced output that passed the schema, even after the repair turn. */
export class StructuredOutputError extends DomainError {
  readonly raw: string;
  readonly issues: string[];
  readonly attempts: number;

  constructor(name: string, raw: string, issues: string[], attempts: number) {
    super("internal", `Structured output "${name}" failed validation after ${attempts} attempts: ${issues.join("; ")}`, {
      name, raw, issues, attempts,
    });
    this.name = "StructuredOutputError";
    this.raw = raw;
    this.issues = issues;
    this.attempts = attempts;
  }
}
