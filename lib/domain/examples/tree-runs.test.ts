import { describe, expect, it } from "vitest";
import type { DomainSpec } from "@/lib/domain/schema";
import { runTree, type TreeRun } from "@/lib/env";
import { isLeafKind, type TreeDoc } from "@/lib/tree/schema";
import { clinicDomain } from "./clinic";
import { cancelRescheduleTree } from "./clinic/cancel-reschedule-tree";
import { cancelReturnTree } from "./retail/cancel-return-tree";
import { exchangeTree } from "./retail/exchange-tree";
import { retailDomain } from "./retail";

/**
 * Hand-picked user facts and confirm answers, and the leaf each must reach on the seed database.
 * Every leaf of every example tree appears, so each branch is shown reachable with real data.
 */
type Expectation = { user: Record<string, unknown>; confirm?: boolean; leaf: string; check?: (run: TreeRun) => void };

const ava = { customer_email: "ava.moreno@example.com" };
const noah = { customer_email: "noah.patel@example.com" };
const ethan = { customer_email: "ethan.okafor@example.com" };
const orders = (run: TreeRun) => run.finalDb.orders as Record<string, any>;

const cancelReturnCases: Expectation[] = [
  { user: {}, leaf: "ask-email" },
  { user: { customer_email: "nobody@example.com" }, leaf: "ask-email-again" },
  { user: { customer_email: "lucas.silva@example.com" }, leaf: "refuse-no-orders" },
  { user: ava, leaf: "ask-order-id" },
  { user: { ...ava, order_id: "#W9999" }, leaf: "ask-order-again" },
  { user: { ...ava, order_id: "#W2003", request: "cancel" }, leaf: "refuse-other-customer" },
  { user: { ...ava, order_id: "#W2001", reports_fraud: true }, leaf: "transfer-fraud", check: (r) => expect(r.calls.at(-1)?.name).toBe("transfer_to_human_agents") },
  { user: { ...ava, order_id: "#W2001", reports_fraud: false }, leaf: "ask-request" },
  { user: { ...ava, order_id: "#W2001", request: "cancel" }, leaf: "ask-cancel-reason" },
  { user: { ...ava, order_id: "#W2001", request: "cancel", reason: "found it cheaper" }, leaf: "refuse-cancel-reason" },
  {
    user: { ...ava, order_id: "#W2001", request: "cancel", reason: "ordered by mistake" },
    leaf: "cancelled",
    check: (r) => {
      expect(orders(r)["#W2001"].status).toBe("cancelled");
      expect(orders(r)["#W2001"].refunds).toEqual([{ payment_method_id: "credit_card_4421", method: "credit_card", amount: 54.98 }]);
    },
  },
  { user: { ...ava, order_id: "#W2001", request: "cancel", reason: "no longer needed" }, confirm: false, leaf: "keep-order", check: (r) => expect(r.calls).toHaveLength(2) },
  { user: { ...noah, order_id: "#W2007", request: "cancel" }, leaf: "refuse-cancel-processed" },
  { user: { customer_email: "liam.chen@example.com", order_id: "#W2004", request: "cancel" }, leaf: "refuse-cancel-shipped" },
  { user: { ...ava, order_id: "#W2002", request: "cancel" }, leaf: "refuse-cancel-shipped" },
  { user: { customer_email: "mia.johansson@example.com", order_id: "#W2010", request: "cancel" }, leaf: "refuse-cancel-closed" },
  { user: { ...ava, order_id: "#W2001", request: "return" }, leaf: "refuse-return-undelivered" },
  { user: { customer_email: "sofia.rossi@example.com", order_id: "#W2006", request: "return" }, leaf: "refuse-return-late" },
  { user: { ...ethan, order_id: "#W2011", request: "return" }, leaf: "ask-return-items" },
  { user: { ...ethan, order_id: "#W2011", request: "return", items_to_return: ["LAMP-WHT"] }, leaf: "ask-return-items-again" },
  { user: { ...ethan, order_id: "#W2011", request: "return", items_to_return: ["BAG-GRN-30"] }, leaf: "ask-refund-method" },
  { user: { ...ethan, order_id: "#W2011", request: "return", items_to_return: ["BAG-GRN-30"], refund_method_id: "gift_card_7781" }, leaf: "refuse-refund-method" },
  {
    user: { ...ethan, order_id: "#W2011", request: "return", items_to_return: ["BAG-GRN-30"], refund_method_id: "credit_card_7735" },
    leaf: "returned",
    check: (r) => expect(orders(r)["#W2011"]).toMatchObject({ status: "return requested", return_refund_amount: 89 }),
  },
  { user: { ...ethan, order_id: "#W2011", request: "return", items_to_return: ["BAG-GRN-30"], refund_method_id: "credit_card_7735" }, confirm: false, leaf: "keep-items" },
  { user: { ...ava, order_id: "#W2002", request: "change shipping address" }, leaf: "transfer-other-request" },
];

const exchangeOf = (from: string, to: string, pm?: string) => ({ request: "exchange", item_to_exchange: from, new_item_id: to, ...(pm ? { payment_method_id: pm } : {}) });
const exchangeCases: Expectation[] = [
  { user: {}, leaf: "ask-email" },
  { user: { customer_email: "nobody@example.com" }, leaf: "ask-email-again" },
  { user: noah, leaf: "ask-order-id" },
  { user: { ...noah, order_id: "#W0000" }, leaf: "ask-order-again" },
  { user: { ...noah, order_id: "#W2011" }, leaf: "refuse-other-customer" },
  { user: { ...noah, order_id: "#W2008", reports_fraud: true }, leaf: "transfer-fraud" },
  { user: { ...noah, order_id: "#W2007" }, leaf: "refuse-undelivered" },
  { user: { ...noah, order_id: "#W2008" }, leaf: "ask-item" },
  { user: { ...noah, order_id: "#W2008", item_to_exchange: "HP-BLK" }, leaf: "ask-item-again" },
  { user: { ...noah, order_id: "#W2008", item_to_exchange: "KET-GLASS" }, leaf: "ask-new-item" },
  { user: { ...noah, order_id: "#W2008", ...exchangeOf("KET-GLASS", "LAMP-WHT") }, leaf: "refuse-other-product" },
  { user: { ...noah, order_id: "#W2008", ...exchangeOf("KET-GLASS", "KET-GLASS") }, leaf: "refuse-other-product" },
  { user: { ...ethan, order_id: "#W2011", ...exchangeOf("BAG-GRN-30", "BAG-GRY-30") }, leaf: "refuse-out-of-stock" },
  { user: { ...noah, order_id: "#W2008", ...exchangeOf("KET-GLASS", "KET-STEEL") }, leaf: "ask-payment" },
  { user: { ...noah, order_id: "#W2008", ...exchangeOf("KET-GLASS", "KET-STEEL", "paypal_3310") }, leaf: "refuse-foreign-payment" },
  { user: { ...ava, order_id: "#W2002", ...exchangeOf("HP-BLK", "HP-BLK-ANC", "gift_card_7781") }, leaf: "refuse-gift-card-short" },
  {
    user: { ...noah, order_id: "#W2008", ...exchangeOf("KET-GLASS", "KET-STEEL", "credit_card_1187") },
    leaf: "exchanged",
    check: (r) => expect(orders(r)["#W2008"].refunds).toEqual([{ payment_method_id: "credit_card_1187", method: "credit_card", amount: 4.05 }]),
  },
  { user: { ...noah, order_id: "#W2008", ...exchangeOf("KET-GLASS", "KET-STEEL", "credit_card_1187") }, confirm: false, leaf: "keep-item" },
];

const grace = { patient_email: "grace.hall@example.com", date_of_birth: "1984-02-11" };
const aisha = { patient_email: "aisha.bello@example.com", date_of_birth: "1968-09-08" };
const patients = (run: TreeRun) => run.finalDb.patients as Record<string, any>;
const clinicCases: Expectation[] = [
  { user: { ...grace, medical_emergency: true }, leaf: "transfer-emergency", check: (r) => expect(r.calls.map((c) => c.name)).toEqual(["transfer_to_staff"]) },
  { user: { date_of_birth: "1984-02-11" }, leaf: "ask-email" },
  { user: { patient_email: "grace.hall@example.com" }, leaf: "ask-dob" },
  { user: { ...grace, date_of_birth: "1984-11-02" }, leaf: "ask-identity-again" },
  { user: { patient_email: "tom.becker@example.com", date_of_birth: "1995-03-22" }, leaf: "refuse-nothing-booked" },
  { user: { patient_email: "nina.kowalski@example.com", date_of_birth: "1988-10-14" }, leaf: "refuse-nothing-booked" },
  { user: grace, leaf: "ask-appointment" },
  { user: { ...grace, appointment_id: "APT-0001" }, leaf: "ask-appointment-again" },
  { user: { ...grace, appointment_id: "APT-3009", request: "cancel" }, leaf: "refuse-other-patient" },
  { user: { ...grace, appointment_id: "APT-3013", request: "reschedule" }, leaf: "refuse-completed" },
  { user: { patient_email: "daniel.wu@example.com", date_of_birth: "2001-05-19", appointment_id: "APT-3008" }, leaf: "refuse-cancelled" },
  { user: { ...grace, appointment_id: "APT-3002" }, leaf: "ask-request" },
  {
    user: { ...grace, appointment_id: "APT-3001", request: "cancel" },
    leaf: "do-late-cancel-done",
    check: (r) => expect(patients(r).pat_grace_hall.balance).toBe(40),
  },
  {
    user: { patient_email: "omar.haddad@example.com", date_of_birth: "1991-07-30", appointment_id: "APT-3003", request: "cancel" },
    leaf: "do-late-cancel-done",
    check: (r) => expect(patients(r).pat_omar_haddad.balance).toBe(0),
  },
  { user: { ...grace, appointment_id: "APT-3001", request: "cancel" }, confirm: false, leaf: "keep-late-appointment" },
  {
    user: { ...grace, appointment_id: "APT-3002", request: "cancel" },
    leaf: "do-cancel-done",
    check: (r) => expect((r.finalDb.appointments as any)["APT-3002"]).toMatchObject({ status: "cancelled", late_fee_charged: 0 }),
  },
  { user: { ...grace, appointment_id: "APT-3002", request: "cancel" }, confirm: false, leaf: "keep-appointment" },
  { user: { ...grace, appointment_id: "APT-3001", request: "reschedule" }, leaf: "refuse-late-reschedule" },
  { user: { patient_email: "elena.petrova@example.com", date_of_birth: "1976-12-03", appointment_id: "APT-3005", request: "reschedule" }, leaf: "refuse-balance" },
  { user: { patient_email: "daniel.wu@example.com", date_of_birth: "2001-05-19", appointment_id: "APT-3007", request: "reschedule" }, leaf: "transfer-no-slots" },
  { user: { ...aisha, appointment_id: "APT-3009", request: "reschedule" }, leaf: "ask-slot" },
  { user: { ...aisha, appointment_id: "APT-3009", request: "reschedule", preferred_slot_id: "SL-ORT-2025-03-12T09:00" }, leaf: "ask-slot-again" },
  {
    user: { ...aisha, appointment_id: "APT-3009", request: "reschedule", preferred_slot_id: "SL-NAI-2025-03-19T11:30" },
    leaf: "rescheduled",
    check: (r) => expect((r.finalDb.appointments as any)["APT-3009"].slot_id).toBe("SL-NAI-2025-03-19T11:30"),
  },
  { user: { ...aisha, appointment_id: "APT-3009", request: "reschedule", preferred_slot_id: "SL-NAI-2025-03-19T11:30" }, confirm: false, leaf: "keep-time" },
  { user: { ...aisha, appointment_id: "APT-3009", request: "get test results" }, leaf: "transfer-other-request" },
];

it("leaves exchange requests to the exchange tree", () => {
  const run = runTree(cancelReturnTree, retailDomain, { user: { ...ava, order_id: "#W2002", request: "exchange" } });
  expect(run.leafId).toBeUndefined();
  expect(run.stuck?.nodeId).toBe("get-order");
});

const suites: [string, DomainSpec, TreeDoc, Expectation[]][] = [
  ["retail: Cancel or return an order", retailDomain, cancelReturnTree, cancelReturnCases],
  ["retail: Exchange a delivered item", retailDomain, exchangeTree, exchangeCases],
  ["clinic: Cancel or reschedule an appointment", clinicDomain, cancelRescheduleTree, clinicCases],
];

describe.each(suites)("%s", (_name, domain, doc, cases) => {
  it.each(cases.map((c, i) => [i, c.leaf, c] as const))("case %i reaches %s", (_i, leaf, c) => {
    const run = runTree(doc, domain, { user: c.user, confirm: c.confirm ?? true });
    expect(run.stuck).toBeUndefined();
    expect(run.leafId).toBe(leaf);
    const failedCalls = run.calls.filter((call) => !call.result.ok && !["get_order", "get_appointment"].includes(call.name));
    expect(failedCalls).toEqual([]);
    if (run.outcome !== "execute") expect(run.finalHash).toBe(runTree(doc, domain, { user: {} }).finalHash);
    c.check?.(run);
  });

  it("covers every leaf of the tree", () => {
    const leaves = Object.values(doc.nodes).filter((n) => isLeafKind(n.kind)).map((n) => n.id);
    expect(new Set(cases.map((c) => c.leaf))).toEqual(new Set(leaves));
  });
});
