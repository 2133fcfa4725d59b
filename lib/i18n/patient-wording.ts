// Where the catalogue speaks to staff ("How old is the patient?", "Record it if it was taken"), what the patient
// reads instead, in English. Everything else the patient reads is the catalogue's own wording.
export const PATIENT_WORDING: Readonly<Record<string, { label?: string; help?: string }>> = {
  age_years: { label: "How old are you?", help: "In whole years." },
  sex: { label: "Your sex, for medical purposes" },
  conditions: { label: "Which of these conditions have you been told you have? (tick all that apply, or none)" },
  medications: { label: "Which of these medicines are you taking now? (tick all that apply, or none)" },
  temperature_c: { help: "If you took your temperature, type it. 38.0 °C or more is a fever." },
  pregnancy_status: { help: "" },
  conservative_care_weeks: {
    label: "For how many weeks have you followed a treatment plan for this episode (exercise/physio, medicines, activity advice)?",
    help: "0 if you have not followed a plan yet.",
  },
  intervention_candidate: { label: "Would you consider a spinal injection or surgery if a treatable cause were found? (the doctor confirms)" },
  corticosteroid_months: { label: "For how many months have you taken steroid tablets or injections (for example prednisolone)?" },
};
