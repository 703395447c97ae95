import type { TreeDoc } from "@/lib/tree/schema";
import { abort, clarify, confirm, decision, execute, flattenTree, refuse, toolCall, transfer, when } from "../tree-builder";

/** "Cancel or reschedule an appointment": verify the patient, find the appointment, then act. */
const PATIENT = "outputs.patient.patients[0]";
const APPT = "outputs.appt";

const cancelCall = (id: string, outcome: string) =>
  toolCall(id, "Cancel the appointment", { tool: "cancel_appointment", args: { appointment_id: "user.appointment_id" } }, [
    execute(`${id}-done`, outcome),
  ]);

const cancelBranch = decision("cancel", "Patient wants to cancel", [
  when(
    `${APPT}.hours_until < 24.0`,
    confirm(
      "confirm-late-cancel",
      "Starts within 24 hours: mention the late fee (unless the plan waives it); ask for a yes",
      cancelCall("do-late-cancel", "Cancelled; late fee charged unless the plan waives it"),
      abort("keep-late-appointment", "Patient keeps the appointment", "The patient declined the late cancellation."),
    ),
  ),
  confirm(
    "confirm-cancel",
    "Read back the appointment; ask for a yes",
    cancelCall("do-cancel", "Cancelled without a fee"),
    abort("keep-appointment", "Patient keeps the appointment", "The patient declined the cancellation."),
  ),
]);

const rescheduleBranch = decision("reschedule", "Patient wants another time", [
  when(
    `${APPT}.hours_until < 24.0`,
    refuse("refuse-late-reschedule", "Starts within 24 hours", "Appointments less than 24 hours away cannot be rescheduled; the patient may cancel instead."),
  ),
  when(
    `${PATIENT}.balance > 200.0`,
    refuse("refuse-balance", "Outstanding balance above $200", "Patients with a balance above $200 must settle it before rescheduling."),
  ),
  toolCall(
    "list-slots",
    "Look up the doctor's open slots",
    { tool: "list_available_slots", args: { doctor_id: `${APPT}.doctor_id` }, saveAs: "slots" },
    [
      when("size(outputs.slots.slots) == 0", transfer("transfer-no-slots", "Doctor has no open slots", "Staff can put the patient on the doctor's waitlist.")),
      when("!has(user.preferred_slot_id)", clarify("ask-slot", "Offer the open slots; ask which one", ["preferred_slot_id"])),
      when(
        "!outputs.slots.slots.exists(s, s.slot_id == user.preferred_slot_id)",
        clarify("ask-slot-again", "That slot is not open: offer the open ones again", ["preferred_slot_id"]),
      ),
      confirm(
        "confirm-reschedule",
        "Read back the old and new time; ask for a yes",
        toolCall(
          "do-reschedule",
          "Move the appointment",
          { tool: "reschedule_appointment", args: { appointment_id: "user.appointment_id", new_slot_id: "user.preferred_slot_id" } },
          [execute("rescheduled", "Appointment moved to the new slot")],
        ),
        abort("keep-time", "Patient keeps the original time", "The patient declined the new time."),
      ),
    ],
  ),
]);

const appointmentBranch = toolCall(
  "get-appointment",
  "Look up the appointment",
  { tool: "get_appointment", args: { appointment_id: "user.appointment_id" }, saveAs: "appt" },
  [
    when(`has(${APPT}.error)`, clarify("ask-appointment-again", "No such appointment: ask the patient to check", ["appointment_id"])),
    when(
      `${APPT}.patient_id != ${PATIENT}.patient_id`,
      refuse("refuse-other-patient", "Appointment belongs to another patient", "Only the verified patient's own appointments can be discussed or changed."),
    ),
    when(`${APPT}.status == "completed"`, refuse("refuse-completed", "Appointment already took place", "Past appointments cannot be changed.")),
    when(`${APPT}.status == "cancelled"`, refuse("refuse-cancelled", "Appointment is already cancelled", "A cancelled appointment cannot be changed.")),
    when("!has(user.request)", clarify("ask-request", "Ask whether to cancel or reschedule", ["request"])),
    when('user.request == "cancel"', cancelBranch),
    when('user.request == "reschedule"', rescheduleBranch),
    transfer("transfer-other-request", "Something else (results, prescriptions, billing)", "Requests other than cancelling or rescheduling go to staff."),
  ],
);

const root = decision("root", "What does the caller need?", [
  when(
    "has(user.medical_emergency) && user.medical_emergency",
    transfer("transfer-emergency", "Caller describes urgent symptoms", "Urgent medical concerns go to clinical staff at once."),
  ),
  when("!has(user.patient_email)", clarify("ask-email", "Ask for the email on file", ["patient_email"])),
  when("!has(user.date_of_birth)", clarify("ask-dob", "Ask for the date of birth", ["date_of_birth"])),
  toolCall(
    "find-patient",
    "Verify the patient",
    { tool: "find_patient", args: { email: "user.patient_email", date_of_birth: "user.date_of_birth" }, saveAs: "patient" },
    [
      when(
        "size(outputs.patient.patients) == 0",
        clarify("ask-identity-again", "Details match no patient: ask to check them", ["patient_email", "date_of_birth"]),
      ),
      when(
        "!has(user.appointment_id)",
        toolCall(
          "list-appointments",
          "List the patient's appointments",
          { tool: "list_patient_appointments", args: { patient_id: `${PATIENT}.patient_id` }, saveAs: "appointments" },
          [
            when(
              '!outputs.appointments.appointments.exists(a, a.status == "booked")',
              refuse("refuse-nothing-booked", "No upcoming appointment", "The patient has no booked appointment to change."),
            ),
            clarify("ask-appointment", "Ask which upcoming appointment they mean", ["appointment_id"]),
          ],
        ),
      ),
      appointmentBranch,
    ],
  ),
]);

export const cancelRescheduleTree: TreeDoc = flattenTree(root);
