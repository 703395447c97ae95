import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { retailDomain } from "@/lib/domain/examples/retail";
import { bindParam, matchStep, outputFields, type KnownOutput } from "./match";
import { negate, recordSources, translateCondition } from "./preconditions";

const tool = (name: string) => [...clinicDomain.tools, ...retailDomain.tools].find((t) => t.name === name)!;

describe("matchStep", () => {
  it.each([
    ["Verify the patient", "find_patient"],
    ["Look up the appointment", "get_appointment"],
    ["List the patient's appointments", "list_patient_appointments"],
    ["Cancel the appointment", "cancel_appointment"],
    ["Look up the order", "get_order"],
    ["Find the customer by email", "find_customer"],
    ["Look up the account by email", "find_customer"],
    ["Return the items", "return_items"],
  ])("%s → %s", (step, name) => {
    expect(matchStep(step, [...clinicDomain.tools, ...retailDomain.tools])?.tool.name).toBe(name);
  });

  it("matches nothing when no tool's name shares a word with the step", () => {
    expect(matchStep("Greet the caller warmly", clinicDomain.tools)).toBeNull();
  });
});

describe("bindParam", () => {
  const facts = retailDomain.userFacts;
  it("prefers a fact of the same name, then an earlier output's field, then a fact that ends alike", () => {
    const order: KnownOutput = { key: "order", tool: tool("get_order"), args: {}, fields: outputFields(tool("get_order"), "order", retailDomain) };
    expect(bindParam("order_id", { type: "string" }, facts, [order])).toEqual({ expr: "user.order_id", fact: "order_id" });
    expect(bindParam("customer_id", { type: "string" }, facts, [order])).toEqual({ expr: "outputs.order.customer_id" });
    expect(bindParam("email", { type: "string" }, facts, [])).toEqual({ expr: "user.customer_email", fact: "customer_email", guessed: true });
    expect(bindParam("summary", { type: "string" }, facts, [])).toBeNull();
  });

  it("leaves a fact named like a sibling parameter to that parameter, and respects types", () => {
    const props = Object.keys(tool("exchange_item").parameters.properties as object);
    expect(bindParam("item_id", { type: "string" }, facts, [], props.filter((p) => p !== "item_id"))?.expr).toBe("user.item_to_exchange");
    expect(bindParam("item_ids", { type: "array" }, facts, [])?.expr).toBe("user.items_to_return");
  });

  it("reads a filter tool's fields from the first row of its list", () => {
    expect(outputFields(tool("find_customer"), "customer", retailDomain).get("customer_id")).toBe("outputs.customer.customers[0].customer_id");
  });
});

describe("preconditions as guards", () => {
  it("negates a lone comparison by flipping it, anything else by wrapping it", () => {
    expect(negate('x.status != "completed"')).toBe('x.status == "completed"');
    expect(negate("x.hours >= 24.0")).toBe("x.hours < 24.0");
    expect(negate("a.b")).toBe("!a.b");
    expect(negate("!(k in m)")).toBe("k in m");
    expect(negate("a == 1 && b == 2")).toBe("!(a == 1 && b == 2)");
    expect(negate('l.exists(i, i == "x")')).toBe('!(l.exists(i, i == "x"))');
    expect(negate('s == "a >= b"')).toBe('s != "a >= b"');
  });

  it("reads a record from an earlier lookup of the same key, else from state; never rewrites inside strings", () => {
    const cancel = tool("reschedule_appointment");
    const bindings = { appointment_id: "user.appointment_id", new_slot_id: "user.preferred_slot_id" };
    const appt: KnownOutput = { key: "appt", tool: tool("get_appointment"), args: { appointment_id: "user.appointment_id" }, fields: new Map() };
    const sources = recordSources(cancel, bindings, [appt]);
    expect(sources.map((s) => s.expr)).toEqual(["outputs.appt", "state.slots[user.preferred_slot_id]"]);
    expect(translateCondition("rec.slot.doctor_id == rec.appt.doctor_id", bindings, sources)).toBe("state.slots[user.preferred_slot_id].doctor_id == outputs.appt.doctor_id");
    expect(translateCondition('args.new_slot_id != "args.new_slot_id"', bindings, sources)).toBe('user.preferred_slot_id != "args.new_slot_id"');
    // A lookup of a different key is a different record.
    const other = { ...appt, args: { appointment_id: "user.other_id" } };
    expect(recordSources(cancel, bindings, [other])[0].expr).toBe("state.appointments[user.appointment_id]");
  });
});
