// A clinician who follows an alert to a visit whose intake is still being answered (a patient answering their own
// intake said yes to an emergency question, issue 19): there is nothing to decide or sign yet, but what was said
// so far is shown, with why it is an emergency, "I'm on it", and who gave each answer. The evaluation is the
// draft's preview (blank answers cannot exclude anything); it is not stored and not the visit's result.
import type { Evaluation } from "@/lib/clinical";
import type { TVisitDto } from "@/lib/contracts/wire/visit";
import { AlertStatus } from "@/components/visits/alert-status";
import { EmergencyRules, FiredRules } from "./evidence";
import { ReviewHistory } from "./review-history";

export function DraftAlert({
  visit,
  preview,
  timeZone,
  canDecide,
}: {
  visit: TVisitDto & { alert: NonNullable<TVisitDto["alert"]> };
  preview: Evaluation;
  timeZone: string;
  canDecide: boolean;
}) {
  return (
    <>
      {preview.explanations.some((e) => e.tier === "emergency") && (
        <section className="banner banner-emergency" role="alert" aria-labelledby="draft-emergency-title">
          <h2 id="draft-emergency-title">Emergency: the answers so far mean the patient needs emergency assessment now</h2>
          <EmergencyRules evaluation={preview} />
        </section>
      )}
      <AlertStatus alert={visit.alert} timeZone={timeZone} acknowledgeVisitId={canDecide ? visit.id : null} />
      <p className="notice">
        The intake is still being answered (by the patient or by staff), so there is nothing to decide or sign yet. This is what was answered so far; questions not answered yet cannot
        rule anything out.
      </p>
      <FiredRules evaluation={preview} />
      <ReviewHistory answers={visit.answers} evaluation={preview} selfIntake={visit.selfIntake} />
    </>
  );
}
