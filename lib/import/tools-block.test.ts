import { describe, expect, it } from "vitest";
import { parseToolsBlock } from "./tools-block";

const getLoan = {
  name: "get_loan",
  description: "Look up a loan.",
  parameters: { type: "object", properties: { loan_id: { type: "string" } }, required: ["loan_id"] },
  outputs: { type: "object", properties: { status: { type: "string" } } },
};
const renew = { name: "renew_loan", description: "Renew a loan.", parameters: { type: "object", properties: { loan_id: { type: "string" } } } };

describe("parseToolsBlock", () => {
  it("reads one tool per line, plain or wrapped as {type:function, function}, keeping outputs and extra keys", () => {
    const block = `\n${JSON.stringify(getLoan)}\n\n${JSON.stringify({ type: "function", function: { ...renew, strict: true } })}\n`;
    const parsed = parseToolsBlock(block);
    expect(parsed).toEqual({ ok: true, tools: [getLoan, { ...renew, extra: { strict: true } }] });
  });

  it("reads a JSON array of tools", () => {
    expect(parseToolsBlock(JSON.stringify([getLoan, renew], null, 2))).toEqual({ ok: true, tools: [getLoan, renew] });
  });

  it("names the line that is not JSON", () => {
    const parsed = parseToolsBlock(`\n${JSON.stringify(getLoan)}\n{"name": renew_loan}\n`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/^tools block line 2 is not JSON: /);
  });

  it.each([
    [`\n{"description":"x","parameters":{}}\n`, "tools block line 1 has no name"],
    [`\n{"name":"a","description":"x"}\n`, "tools block line 1 (a) has no parameters object"],
    [`\n{"name":"a","parameters":{},"outputs":"text"}\n`, "tools block line 1 (a) has outputs that are not an object"],
    [`\n${JSON.stringify(renew)}\n${JSON.stringify(renew)}\n`, "tools block line 2 declares tool renew_loan a second time"],
    [`\n[1]\n`, "tools block item 0 is not a JSON object"],
    ["\n  \n", "tools block is empty"],
    ["[]", "tools block declares no tools"],
  ])("rejects %j: %s", (block, reason) => {
    expect(parseToolsBlock(block)).toEqual({ ok: false, reason });
  });

  it("accepts a tool without a description as an empty description", () => {
    expect(parseToolsBlock(`{"name":"a","parameters":{}}`)).toEqual({ ok: true, tools: [{ name: "a", description: "", parameters: {} }] });
  });
});
