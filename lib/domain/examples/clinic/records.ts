/**
 * The clinic's seed records. "Now" is 2025-03-10 09:00 clinic time (the policy says so); every
 * slot and appointment carries `hours_until`, the hours from now to its start, computed here from
 * `starts_at` so the two can never disagree. Past visits have negative hours.
 */
const NOW = Date.parse("2025-03-10T09:00:00Z");
const hoursUntil = (startsAt: string) => (Date.parse(`${startsAt}:00Z`) - NOW) / 3_600_000;

export const doctors = Object.fromEntries(
  (
    [
      ["dr_lena_ortiz", "Dr. Lena Ortiz", "Family medicine", 120, 40],
      ["dr_samuel_kim", "Dr. Samuel Kim", "Dermatology", 180, 60],
      ["dr_priya_nair", "Dr. Priya Nair", "Cardiology", 250, 75],
      ["dr_jonas_weber", "Dr. Jonas Weber", "Physiotherapy", 95, 35],
    ] as const
  ).map(([id, name, specialty, visit_fee, late_cancel_fee]) => [id, { doctor_id: id, name, specialty, visit_fee, late_cancel_fee }]),
);

export const insurancePlans = {
  plan_basic: { plan_id: "plan_basic", name: "BlueLeaf Basic", coverage_percent: 70, waives_late_cancellation_fee: false },
  plan_plus: { plan_id: "plan_plus", name: "BlueLeaf Plus", coverage_percent: 90, waives_late_cancellation_fee: true },
  plan_self_pay: { plan_id: "plan_self_pay", name: "Self-pay", coverage_percent: 0, waives_late_cancellation_fee: false },
};

export const patients = Object.fromEntries(
  (
    [
      ["pat_grace_hall", "Grace Hall", "grace.hall@example.com", "1984-02-11", "plan_basic", 0],
      ["pat_omar_haddad", "Omar Haddad", "omar.haddad@example.com", "1991-07-30", "plan_plus", 0],
      ["pat_elena_petrova", "Elena Petrova", "elena.petrova@example.com", "1976-12-03", "plan_self_pay", 240],
      ["pat_daniel_wu", "Daniel Wu", "daniel.wu@example.com", "2001-05-19", "plan_basic", 15],
      ["pat_aisha_bello", "Aisha Bello", "aisha.bello@example.com", "1968-09-08", "plan_plus", 0],
      ["pat_tom_becker", "Tom Becker", "tom.becker@example.com", "1995-03-22", "plan_self_pay", 0],
      ["pat_nina_kowalski", "Nina Kowalski", "nina.kowalski@example.com", "1988-10-14", "plan_basic", 0],
    ] as const
  ).map(([id, name, email, date_of_birth, insurance_plan_id, balance]) => [
    id,
    { patient_id: id, name, email, date_of_birth, insurance_plan_id, balance, charges: [] },
  ]),
);

const DOCTOR_CODE: Record<string, string> = { ORT: "dr_lena_ortiz", KIM: "dr_samuel_kim", NAI: "dr_priya_nair", WEB: "dr_jonas_weber" };

/** "SL-ORT-2025-03-10T14:00" → a slot of Dr. Ortiz starting then. */
function slot(id: string, available: boolean) {
  const [, code, ...rest] = id.split("-");
  const starts_at = rest.join("-");
  return [id, { slot_id: id, doctor_id: DOCTOR_CODE[code], starts_at, hours_until: hoursUntil(starts_at), available }] as const;
}

const bookedOrPast = [
  "SL-ORT-2025-03-10T14:00", "SL-ORT-2025-03-10T16:30", "SL-ORT-2025-03-11T09:00", "SL-ORT-2025-02-20T09:00", "SL-ORT-2025-03-03T11:00",
  "SL-KIM-2025-03-13T10:30", "SL-KIM-2025-03-12T15:00", "SL-KIM-2025-02-27T14:00",
  "SL-NAI-2025-03-11T08:00", "SL-NAI-2025-03-17T09:30", "SL-NAI-2025-03-05T10:00",
  "SL-WEB-2025-03-14T16:00", "SL-WEB-2025-03-06T13:00", "SL-WEB-2025-03-07T10:00",
];
const open = [
  "SL-ORT-2025-03-11T11:00", "SL-ORT-2025-03-12T09:00", "SL-ORT-2025-03-12T14:00", "SL-ORT-2025-03-13T10:00",
  "SL-KIM-2025-03-14T10:00", "SL-KIM-2025-03-17T15:00",
  "SL-NAI-2025-03-11T15:00", "SL-NAI-2025-03-18T09:00", "SL-NAI-2025-03-19T11:30",
];

export const slots = Object.fromEntries([...bookedOrPast.map((id) => slot(id, false)), ...open.map((id) => slot(id, true))]);

type Status = "booked" | "completed" | "cancelled";

function appointment(id: string, patientId: string, slotId: string, status: Status, visitType: string) {
  const s = slots[slotId];
  if (!s) throw new Error(`clinic example: unknown slot ${slotId}`);
  const doctor = doctors[s.doctor_id];
  return [
    id,
    {
      appointment_id: id,
      patient_id: patientId,
      doctor_id: s.doctor_id,
      slot_id: slotId,
      starts_at: s.starts_at,
      hours_until: s.hours_until,
      status,
      visit_type: visitType,
      fee: doctor.visit_fee,
      late_fee_charged: 0,
    },
  ] as const;
}

export const appointments = Object.fromEntries([
  appointment("APT-3001", "pat_grace_hall", "SL-ORT-2025-03-10T14:00", "booked", "check-up"),
  appointment("APT-3002", "pat_grace_hall", "SL-KIM-2025-03-13T10:30", "booked", "skin exam"),
  appointment("APT-3003", "pat_omar_haddad", "SL-NAI-2025-03-11T08:00", "booked", "ECG follow-up"),
  appointment("APT-3004", "pat_omar_haddad", "SL-ORT-2025-02-20T09:00", "completed", "check-up"),
  appointment("APT-3005", "pat_elena_petrova", "SL-KIM-2025-03-12T15:00", "booked", "mole removal"),
  appointment("APT-3006", "pat_elena_petrova", "SL-ORT-2025-03-03T11:00", "completed", "flu symptoms"),
  appointment("APT-3007", "pat_daniel_wu", "SL-WEB-2025-03-14T16:00", "booked", "knee therapy"),
  appointment("APT-3008", "pat_daniel_wu", "SL-NAI-2025-03-05T10:00", "cancelled", "consultation"),
  appointment("APT-3009", "pat_aisha_bello", "SL-NAI-2025-03-17T09:30", "booked", "stress test"),
  appointment("APT-3010", "pat_aisha_bello", "SL-ORT-2025-03-11T09:00", "booked", "vaccination"),
  appointment("APT-3011", "pat_tom_becker", "SL-KIM-2025-02-27T14:00", "completed", "rash"),
  appointment("APT-3012", "pat_tom_becker", "SL-WEB-2025-03-06T13:00", "cancelled", "back therapy"),
  appointment("APT-3013", "pat_grace_hall", "SL-WEB-2025-03-07T10:00", "completed", "shoulder therapy"),
  appointment("APT-3014", "pat_daniel_wu", "SL-ORT-2025-03-10T16:30", "booked", "blood test"),
]);
