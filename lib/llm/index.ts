/** LLM provider layer: server-side only (it holds the API key and opens sockets). */
export * from "./config";
export * from "./types";
export * from "./errors";
export * from "./usage";
export * from "./cache";
export { AimdLimiter, type AimdOptions } from "./concurrency";
export { createLlmClient, type LlmClient, type LlmClientOptions } from "./client";
export { chatStructured, jsonSchemaOf, type StructuredRequest, type StructuredResult } from "./structured";
export { extractJson, type JsonExtraction } from "./json-extract";
export { parseRetryAfter, backoffDelay } from "./retry";
