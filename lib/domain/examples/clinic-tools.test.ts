import { beforeEach, describe, expect, it } from "vitest";
import { Environment } from "@/lib/env";
import { clinicDomain } from "./clinic";

/** Each clinic tool on the seed database: lookups, the late-fee rule, rescheduling rules. */
let env: Environment;
beforeEach(() => {
  env = new Environment(clinicDomain);
});

const call = (name: string, args: Record<string, unknown>) => env.step({ name, arguments: args });
const appt = (id: string) => env.state().appointments[id] as Record<string, any>;
const patient = (id: string) => env.state().patients[id] as Record<string, any>;
const slotOpen = (id: string) => env.state().slots[id].available;
const outputList = (result: ReturnType<typeof call>, key: string) => (result.ok ? ((result.output as any)[key] as any[]) : null);

function expectRefused(name: string, args: Record<string, unknown>, error: string) {
  const before = env.hash();
  expect(call(name, args)).toEqual({ ok: false, error });
  expect(env.hash()).toBe(before);
}

describe("clinic lookups", () => {
  it("find_patient needs both email and date of birth to match", () => {
    const found = call("find_patient", { email: "grace.hall@example.com", date_of_birth: "1984-02-11" });
    expect(outputList(found, "patients")?.map((p) => p.patient_id)).toEqual(["pat_grace_hall"]);
    expect(outputList(call("find_patient", { email: "grace.hall@example.com", date_of_birth: "1984-11-02" }), "patients")).toEqual([]);
  });

  it("get_appointment and list_patient_appointments", () => {
    const got = call("get_appointment", { appointment_id: "APT-3001" });
    expect(got.ok && (got.output as any).hours_until).toBe(5);
    expect(call("get_appointment", { appointment_id: "APT-9999" })).toEqual({ ok: false, error: "appointment not found" });
    const listed = outputList(call("list_patient_appointments", { patient_id: "pat_grace_hall" }), "appointments");
    expect(listed?.map((a) => a.appointment_id)).toEqual(["APT-3001", "APT-3002", "APT-3013"]);
  });

  it("list_available_slots lists only a doctor's open slots", () => {
    expect(outputList(call("list_available_slots", { doctor_id: "dr_lena_ortiz" }), "slots")).toHaveLength(4);
    expect(outputList(call("list_available_slots", { doctor_id: "dr_jonas_weber" }), "slots")).toEqual([]);
  });
});

describe("cancel_appointment", () => {
  it("charges the doctor's late fee under 24 hours and frees the slot", () => {
    expect(call("cancel_appointment", { appointment_id: "APT-3001" }).ok).toBe(true);
    expect(appt("APT-3001")).toMatchObject({ status: "cancelled", late_fee_charged: 40 });
    expect(patient("pat_grace_hall").balance).toBe(40);
    expect(patient("pat_grace_hall").charges).toEqual([{ appointment_id: "APT-3001", kind: "late cancellation", amount: 40 }]);
    expect(slotOpen("SL-ORT-2025-03-10T14:00")).toBe(true);
  });

  it("adds the fee to an existing balance", () => {
    call("cancel_appointment", { appointment_id: "APT-3014" });
    expect(patient("pat_daniel_wu").balance).toBe(55);
  });

  it("charges nothing when the plan waives the fee, or at 24 hours or more", () => {
    call("cancel_appointment", { appointment_id: "APT-3003" }); // 23 h, BlueLeaf Plus
    call("cancel_appointment", { appointment_id: "APT-3010" }); // exactly 24 h
    call("cancel_appointment", { appointment_id: "APT-3002" }); // 73.5 h
    for (const id of ["APT-3003", "APT-3010", "APT-3002"]) expect(appt(id)).toMatchObject({ status: "cancelled", late_fee_charged: 0 });
    expect(patient("pat_omar_haddad").balance).toBe(0);
    expect(patient("pat_grace_hall").balance).toBe(0);
  });

  it("refuses past and already cancelled appointments", () => {
    expectRefused("cancel_appointment", { appointment_id: "APT-3004" }, "the appointment has already taken place");
    expectRefused("cancel_appointment", { appointment_id: "APT-3008" }, "the appointment is already cancelled");
  });
});

describe("reschedule_appointment", () => {
  it("moves the appointment and swaps which slot is open", () => {
    expect(call("reschedule_appointment", { appointment_id: "APT-3009", new_slot_id: "SL-NAI-2025-03-18T09:00" }).ok).toBe(true);
    expect(appt("APT-3009")).toMatchObject({ slot_id: "SL-NAI-2025-03-18T09:00", starts_at: "2025-03-18T09:00", hours_until: 192, status: "booked" });
    expect(slotOpen("SL-NAI-2025-03-18T09:00")).toBe(false);
    expect(slotOpen("SL-NAI-2025-03-17T09:30")).toBe(true);
  });

  it("refuses late, cross-doctor, taken and unknown slots", () => {
    expectRefused("reschedule_appointment", { appointment_id: "APT-3001", new_slot_id: "SL-ORT-2025-03-12T09:00" }, "appointments less than 24 hours away cannot be rescheduled");
    expectRefused("reschedule_appointment", { appointment_id: "APT-3002", new_slot_id: "SL-ORT-2025-03-12T09:00" }, "the new slot must be with the same doctor");
    expectRefused("reschedule_appointment", { appointment_id: "APT-3002", new_slot_id: "SL-KIM-2025-03-12T15:00" }, "the slot is not available");
    expectRefused("reschedule_appointment", { appointment_id: "APT-3002", new_slot_id: "SL-KIM-2030-01-01T09:00" }, "slot not found");
    expectRefused("reschedule_appointment", { appointment_id: "APT-3004", new_slot_id: "SL-ORT-2025-03-12T09:00" }, "only booked appointments can be rescheduled");
  });
});

it("transfer_to_staff hands over without touching the database", () => {
  const before = env.hash();
  expect(call("transfer_to_staff", { summary: "patient asks about test results" })).toEqual({ ok: true, output: { transferred: true } });
  expect(env.hash()).toBe(before);
});
