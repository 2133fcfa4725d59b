-- The rule that supplied a visit's imaging suggestion, kept beside the decision so the
-- override-insight page can count accepted and overridden suggestions per rule without reading
-- every evaluation document.

-- AlterTable
ALTER TABLE "visits" ADD COLUMN "imaging_rule" TEXT;

-- Backfill from the stored evaluations.
UPDATE "visits" SET "imaging_rule" = "evaluation" -> 'imaging' ->> 'rule' WHERE "evaluation" IS NOT NULL;

-- CreateIndex
CREATE INDEX "visits_decision_idx" ON "visits"("decision", "imaging_rule", "decision_reason_code");
