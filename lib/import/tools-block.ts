import type { ImportedTool } from "./schema";

export type ToolsParse = { ok: true; tools: ImportedTool[] } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const KNOWN = new Set(["name", "description", "parameters", "outputs"]);

/** One tool object; the verl prompt wraps each as {"type":"function","function":{…}}. */
function readTool(value: unknown, where: string): ImportedTool | string {
  if (!isObject(value)) return `${where} is not a JSON object`;
  const tool = value.type === "function" && isObject(value.function) ? value.function : value;
  if (typeof tool.name !== "string" || !tool.name.trim()) return `${where} has no name`;
  const label = `${where} (${tool.name})`;
  if (tool.description !== undefined && typeof tool.description !== "string") return `${label} has a description that is not a string`;
  if (!isObject(tool.parameters)) return `${label} has no parameters object`;
  if (tool.outputs !== undefined && !isObject(tool.outputs)) return `${label} has outputs that are not an object`;
  const imported: ImportedTool = {
    name: tool.name,
    description: typeof tool.description === "string" ? tool.description : "",
    parameters: tool.parameters,
  };
  if (tool.outputs !== undefined) imported.outputs = tool.outputs as Record<string, unknown>;
  const extra = Object.fromEntries(Object.entries(tool).filter(([k]) => !KNOWN.has(k)));
  if (Object.keys(extra).length) imported.extra = extra;
  return imported;
}

/**
 * Parses a <tools> block: one JSON tool per non-blank line (line numbers count from the line
 * after `<tools>`, 1-based), or one JSON array of tools. Duplicate names are an error, since a
 * call could not say which tool it means.
 */
export function parseToolsBlock(block: string): ToolsParse {
  const trimmed = block.trim();
  if (!trimmed) return { ok: false, reason: "tools block is empty" };
  const items: { value: unknown; where: string }[] = [];
  const asArray = trimmed.startsWith("[") ? tryJson(trimmed) : undefined;
  if (Array.isArray(asArray)) asArray.forEach((value, i) => items.push({ value, where: `tools block item ${i}` }));
  else {
    const lines = block.replace(/^\r?\n/, "").split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      const where = `tools block line ${i + 1}`;
      try {
        items.push({ value: JSON.parse(line), where });
      } catch (e) {
        return { ok: false, reason: `${where} is not JSON: ${(e as Error).message}` };
      }
    }
  }
  const tools: ImportedTool[] = [];
  for (const { value, where } of items) {
    const tool = readTool(value, where);
    if (typeof tool === "string") return { ok: false, reason: tool };
    if (tools.some((t) => t.name === tool.name)) return { ok: false, reason: `${where} declares tool ${tool.name} a second time` };
    tools.push(tool);
  }
  if (!tools.length) return { ok: false, reason: "tools block declares no tools" };
  return { ok: true, tools };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
