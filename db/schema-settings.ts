import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

const now = () => new Date().toISOString();

/**
 * Studio-wide settings, one JSON document per key (e.g. "llm": lib/llm's LlmSettings). What an
 * admin saves here beats the environment, so a change takes effect without a restart.
 */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).$type<unknown>().notNull(),
  updatedAt: text("updated_at").notNull().$defaultFn(now),
});

/**
 * lib/llm's response cache: key = sha256 of everything that can change the answer (model,
 * messages, tools, sampling, schema), value = the completion as JSON. A re-run of a job finds its
 * answers here and pays for nothing already done.
 */
export const llmCache = sqliteTable("llm_cache", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  hits: integer("hits").notNull().default(0),
  createdAt: text("created_at").notNull().$defaultFn(now),
});
