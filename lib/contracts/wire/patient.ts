// What the API sends for a patient: the shape the screens and
// other clients read. Built on the server by lib/server/patients/patient-dto.ts.

export interface TPatientDto {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: "female" | "male" | "other" | "unknown";
  createdAt: string;
}
