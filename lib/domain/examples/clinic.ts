import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc } from "@/lib/tree/schema";
import { cancelRescheduleTree } from "./clinic/cancel-reschedule-tree";
import { clinicPolicy } from "./clinic/policy";
import { appointments, doctors, insurancePlans, patients, slots } from "./clinic/records";
import { clinicTools } from "./clinic/tools";

/** "Clinic appointments": a small practice's patients, doctors, slots and appointments. */
export const clinicDomain: DomainSpec = {
  slug: "clinic-appointments",
  name: "Clinic appointments",
  description:
    "A medical practice's front desk: patients verified by email and date of birth, four doctors with open slots, appointments with late-cancellation fees and insurance plans that may waive them.",
  policy: clinicPolicy,
  tools: clinicTools,
  userFacts: [
    { name: "patient_email", type: "string", description: "The email on the patient's file" },
    { name: "date_of_birth", type: "string", description: "The patient's date of birth, YYYY-MM-DD" },
    { name: "appointment_id", type: "string", description: "The appointment id, e.g. APT-3001" },
    { name: "request", type: "string", description: 'What the patient wants: "cancel", "reschedule" or something else' },
    { name: "preferred_slot_id", type: "string", description: "The open slot the patient picks for a new time" },
    { name: "medical_emergency", type: "boolean", description: "The caller describes urgent symptoms" },
  ],
  db: {
    patients,
    doctors,
    insurance_plans: insurancePlans,
    slots,
    appointments,
  },
};

export const clinicTrees: { name: string; doc: TreeDoc }[] = [{ name: "Cancel or reschedule an appointment", doc: cancelRescheduleTree }];
