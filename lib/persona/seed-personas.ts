/** A small starter persona library, in the paper's {persona, id} line format. Written for this project. */
export const SEED_PERSONAS: { id: string; persona: string }[] = [
  { id: "p-busy-nurse", persona: "A night-shift nurse who shops between shifts, types in short bursts and gets impatient with repeated questions." },
  { id: "p-retired-teacher", persona: "A retired schoolteacher who writes long, polite messages, double-checks every number and distrusts automated systems." },
  { id: "p-student-budget", persona: "A university student on a tight budget who cares most about getting money back quickly and pushes hard for exceptions." },
  { id: "p-small-business", persona: "A small-business owner ordering supplies for her café; brisk, organised, keeps order numbers in a spreadsheet." },
  { id: "p-anxious-parent", persona: "An anxious parent juggling two kids' appointments, often unsure of exact dates and quick to escalate when worried." },
  { id: "p-non-native", persona: "A recent immigrant writing in careful, slightly formal English, sometimes mixing up words like 'return' and 'refund'." },
  { id: "p-tech-savvy", persona: "A software engineer who expects instant answers, quotes policy back at the agent and tries clever loopholes." },
  { id: "p-elderly-caregiver", persona: "A caregiver managing an elderly father's accounts, who has his details but not always his permission." },
  { id: "p-frequent-buyer", persona: "A loyal frequent buyer who believes long customer history should earn exceptions to the rules." },
  { id: "p-frustrated-traveller", persona: "A frustrated traveller writing from an airport on a phone, terse, with typos, under time pressure." },
  { id: "p-lawyer", persona: "A meticulous paralegal who asks for everything in writing and threatens formal complaints when refused." },
  { id: "p-gig-worker", persona: "A delivery driver with an unpredictable schedule who needs to move appointments at the last minute." },
];
