import type { ToolSpec } from "@/lib/domain/schema";
import { params, str } from "../spec-helpers";

const APPT = "args.appointment_id";
const PATIENT = "rec.appt.patient_id";
/** A cancellation under 24 hours costs the doctor's late fee unless the patient's plan waives it. */
const LATE_FEE = `rec.appt.hours_until < 24.0 && !state.insurance_plans[state.patients[${PATIENT}].insurance_plan_id].waives_late_cancellation_fee ? state.doctors[rec.appt.doctor_id].late_cancel_fee : 0.0`;

const lookups: ToolSpec[] = [
  {
    name: "find_patient",
    description: "Find a patient by the email and date of birth on file.",
    parameters: params({ email: str("The patient's email"), date_of_birth: str("Date of birth, YYYY-MM-DD") }),
    outputs: { type: "object", description: "{patients: [...]}: the matching patients (empty when none)" },
    effect: {
      kind: "filter",
      table: "patients",
      where: "row.email == args.email && row.date_of_birth == args.date_of_birth",
      fields: ["patient_id", "name", "email", "insurance_plan_id", "balance"],
      as: "patients",
    },
  },
  {
    name: "get_appointment",
    description: "Get an appointment: patient, doctor, start time, hours until it starts, status and fee.",
    parameters: params({ appointment_id: str("The appointment id, e.g. APT-3001") }),
    outputs: { type: "object", description: "The appointment record" },
    effect: { kind: "get", table: "appointments", key: APPT, notFound: "appointment not found" },
  },
  {
    name: "list_patient_appointments",
    description: "List a patient's appointments, past and upcoming.",
    parameters: params({ patient_id: str("The patient id") }),
    outputs: { type: "object", description: "{appointments: [{appointment_id, doctor_id, starts_at, status}]}" },
    effect: {
      kind: "filter",
      table: "appointments",
      where: "row.patient_id == args.patient_id",
      fields: ["appointment_id", "doctor_id", "starts_at", "status"],
      as: "appointments",
    },
  },
  {
    name: "list_available_slots",
    description: "List a doctor's open appointment slots.",
    parameters: params({ doctor_id: str("The doctor id, e.g. dr_lena_ortiz") }),
    outputs: { type: "object", description: "{slots: [{slot_id, starts_at, hours_until}]}" },
    effect: {
      kind: "filter",
      table: "slots",
      where: "row.doctor_id == args.doctor_id && row.available",
      fields: ["slot_id", "starts_at", "hours_until"],
      as: "slots",
    },
  },
];

const cancelAppointment: ToolSpec = {
  name: "cancel_appointment",
  description:
    "Cancel an appointment and free its slot. Less than 24 hours before the start, the doctor's late-cancellation fee is added to the patient's balance unless their plan waives it.",
  parameters: params({ appointment_id: str("The appointment id") }),
  outputs: { type: "object", description: "The updated appointment, with late_fee_charged" },
  effect: {
    kind: "write",
    reads: [{ name: "appt", table: "appointments", key: APPT, notFound: "appointment not found" }],
    preconditions: [
      { check: 'rec.appt.status != "completed"', error: "the appointment has already taken place" },
      { check: 'rec.appt.status != "cancelled"', error: "the appointment is already cancelled" },
    ],
    steps: [
      { op: "let", name: "fee", value: LATE_FEE },
      { op: "set", table: "appointments", key: APPT, field: "status", value: '"cancelled"' },
      { op: "set", table: "appointments", key: APPT, field: "late_fee_charged", value: "fee" },
      { op: "set", table: "slots", key: "rec.appt.slot_id", field: "available", value: "true" },
      {
        op: "if",
        cond: "fee > 0.0",
        steps: [
          { op: "increment", table: "patients", key: PATIENT, field: "balance", by: "fee" },
          {
            op: "append",
            table: "patients",
            key: PATIENT,
            field: "charges",
            value: '{"appointment_id": args.appointment_id, "kind": "late cancellation", "amount": fee}',
          },
        ],
      },
    ],
    returns: `state.appointments[${APPT}]`,
  },
};

const rescheduleAppointment: ToolSpec = {
  name: "reschedule_appointment",
  description: "Move a booked appointment to another open slot with the same doctor.",
  parameters: params({ appointment_id: str("The appointment id"), new_slot_id: str("An open slot id from list_available_slots") }),
  outputs: { type: "object", description: "The updated appointment" },
  effect: {
    kind: "write",
    reads: [
      { name: "appt", table: "appointments", key: APPT, notFound: "appointment not found" },
      { name: "slot", table: "slots", key: "args.new_slot_id", notFound: "slot not found" },
    ],
    preconditions: [
      { check: 'rec.appt.status == "booked"', error: "only booked appointments can be rescheduled" },
      { check: "rec.appt.hours_until >= 24.0", error: "appointments less than 24 hours away cannot be rescheduled" },
      { check: "rec.slot.doctor_id == rec.appt.doctor_id", error: "the new slot must be with the same doctor" },
      { check: "rec.slot.available", error: "the slot is not available" },
    ],
    steps: [
      { op: "set", table: "slots", key: "rec.appt.slot_id", field: "available", value: "true" },
      { op: "set", table: "slots", key: "args.new_slot_id", field: "available", value: "false" },
      { op: "set", table: "appointments", key: APPT, field: "slot_id", value: "args.new_slot_id" },
      { op: "set", table: "appointments", key: APPT, field: "starts_at", value: "rec.slot.starts_at" },
      { op: "set", table: "appointments", key: APPT, field: "hours_until", value: "rec.slot.hours_until" },
    ],
    returns: `state.appointments[${APPT}]`,
  },
};

const transferToStaff: ToolSpec = {
  name: "transfer_to_staff",
  description: "Hand the call to clinic staff, with a summary of what the patient needs.",
  parameters: params({ summary: str("What the patient needs and what has been done so far") }),
  effect: { kind: "transfer" },
};

export const clinicTools: ToolSpec[] = [...lookups, cancelAppointment, rescheduleAppointment, transferToStaff];
