import { describe, expect, it } from "vitest";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { toolsForOpenAI, type OpenAITool } from "@/lib/sim";
import { trainerPaths, workerEnv } from "./paths";
import { runCommand } from "./python";
import { SKIP_REASON, venvMissing } from "./test-fixture";

/** What a Python signature and Google docstring cannot say; the system prompt still shows these and the environment enforces them. */
const UNEXPRESSED = new Set(["additionalProperties", "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "format", "default"]);

function expressible(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(expressible);
  if (!schema || typeof schema !== "object") return schema;
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !UNEXPRESSED.has(k)).map(([k, v]) => [k, k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, expressible(s)])) : expressible(v)]));
}

/**
 * A schema as far as type hints can carry it, spelled one way: required as a sorted list (Python puts
 * required parameters first), `{type: T, nullable: true}` (transformers' Optional[T]) as `[T, "null"]`.
 */
function normalized(tool: OpenAITool): unknown {
  const params = expressible(tool.function.parameters) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  const properties = Object.fromEntries(
    Object.entries(params.properties ?? {}).map(([name, { nullable, ...prop }]) => [name, nullable ? { ...prop, type: [prop.type, "null"] } : prop]),
  );
  return { ...tool, function: { ...tool.function, parameters: { ...params, properties, required: [...(params.required ?? [])].sort() } } };
}

describe.skipIf(venvMissing)(`the environment class's tool methods${venvMissing ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  it("present exactly the domain's tool schemas to TRL (transformers' get_json_schema of each generated method)", async () => {
    const paths = trainerPaths();
    const tools: OpenAITool[] = EXAMPLE_DOMAINS.flatMap((d) => toolsForOpenAI(d.spec.tools));
    // a tool with every type the domains use and a few they may: optional, nullable, numbers, nested arrays, enums
    tools.push({
      type: "function",
      function: {
        name: "probe_types",
        description: "Exercises the type mapping.",
        parameters: {
          type: "object",
          properties: {
            count: { type: "integer", description: "How many" },
            ratio: { type: "number", description: "A ratio", minimum: 0 },
            flag: { type: "boolean", description: "A switch" },
            tags: { type: "array", items: { type: "string" }, description: "Tags", minItems: 1 },
            grid: { type: "array", items: { type: "array", items: { type: "integer" } }, description: "Rows of numbers" },
            note: { type: ["string", "null"], description: "An optional note" },
            mode: { type: "string", enum: ["fast", "slow"], description: "Which way" },
            extra: { type: "object", description: "Anything else" },
          },
          required: ["count", "mode"],
          additionalProperties: false,
        },
      },
    });
    const run = await runCommand(paths.python, ["-m", "flywheel_trl", "schemas"], { env: workerEnv(paths), input: JSON.stringify(tools), timeoutMs: 60_000 });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const presented = JSON.parse(run.stdout) as OpenAITool[];
    const byName = new Map(presented.map((t) => [t.function.name, t]));
    expect([...byName.keys()].sort()).toEqual(tools.map((t) => t.function.name).sort());
    for (const tool of tools) {
      const shown = byName.get(tool.function.name)!;
      expect(normalized(shown), tool.function.name).toEqual(normalized(tool));
    }
  }, 120_000);
});
