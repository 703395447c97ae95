import { describe, expect, it } from "vitest";
import { mentionsFact } from "@/lib/chat/fact-mention";
import { classifyTurn } from "./agent-turn";
import * as line from "./agent-phrasing";

/** Every wording variant of the oracle agent must read as what it means, or trajectories derail. */
const kind = (text: string) => classifyTurn({ text, toolNames: [] }, () => false);
const seeds = Array.from({ length: 24 }, (_, i) => i);

describe("oracle agent wording", () => {
  it("every variant is read as intended by the user and the reward", () => {
    for (const s of seeds) {
      const ask = line.askFactsLine(["order_id", "reports_fraud"], s, 1, ["reports_fraud"]);
      expect(kind(ask)).toBe("ask");
      expect(mentionsFact(ask, "order_id") && mentionsFact(ask, "reports_fraud")).toBe(true);
      expect(kind(line.askAgainLine(["customer_email"], s, 1))).toBe("ask");
      expect(kind(line.confirmLine(line.describeCall("cancel_order", { order_id: "o1", reason: "x" }), s, 1))).toBe("confirm");
      expect(kind(line.confirmLine(null, s, 1))).toBe("confirm");
      expect(kind(line.refusalLine("Only pending orders can be cancelled.", s, 1))).toBe("refuse");
      expect(kind(line.restateRefusalLine("", s, 1))).toBe("refuse");
      expect(kind(line.transferredLine(s, 1))).toBe("handoff");
      expect(classifyTurn({ text: line.transferredLine(s, 1), toolNames: ["transfer_to_human"] }, (n) => n === "transfer_to_human")).toBe("transfer");
      expect(kind(line.handoffLine("Fraud goes to a human.", s, 1))).toBe("handoff");
      expect(kind(line.restateHandoffLine(s, 1))).toBe("handoff");
      expect(kind(line.recheckCloseLine(["items_to_return"], s, 1))).toBe("close");
      expect(kind(line.doneLine(s, 1))).toBe("close");
      expect(kind(line.declinedLine(s, 1))).toBe("close");
      expect(kind(line.clarifyCloseLine(["order_id"], s, 1))).toBe("close");
      expect(kind(line.giveInLine(s, 1))).not.toBe("refuse");
    }
  });
});
