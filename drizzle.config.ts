import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  // One schema file per area; generate migrations one at a time (they are numbered).
  schema: ["./db/schema.ts", "./db/schema-jobs.ts", "./db/schema-datasets.ts"],
  out: "./db/migrations",
});
