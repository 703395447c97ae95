import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  // One schema file per area (db/schema.ts, db/schema-jobs.ts, …). Generate migrations one at a
  // time: they are numbered.
  schema: "./db/schema*.ts",
  out: "./db/migrations",
});
