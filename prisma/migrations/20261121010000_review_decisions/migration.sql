-- The doctor's decision on a visit's imaging suggestion, and addenda after signing.

-- CreateEnum
CREATE TYPE "DecisionAction" AS ENUM ('accept', 'override');
CREATE TYPE "OverrideReason" AS ENUM ('clinical_examination', 'already_imaged', 'contraindication', 'patient_preference', 'clinical_judgement', 'other');

-- AlterTable
ALTER TABLE "visits"
    ADD COLUMN "decision" "DecisionAction",
    ADD COLUMN "decision_modality" "ImagingModality",
    ADD COLUMN "decision_reason_code" "OverrideReason",
    ADD COLUMN "decision_reason_text" TEXT,
    ADD COLUMN "clinical_note" TEXT,
    ADD COLUMN "decided_by_id" UUID,
    ADD COLUMN "decided_at" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "addenda" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "visit_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "addenda_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "addenda_visit_idx" ON "addenda"("visit_id", "created_at");

-- AddForeignKey
ALTER TABLE "visits" ADD CONSTRAINT "visits_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "addenda" ADD CONSTRAINT "addenda_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "addenda" ADD CONSTRAINT "addenda_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
