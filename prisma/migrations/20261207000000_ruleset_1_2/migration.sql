-- Ruleset 1.2 (knowledge.md 0.4): the reason staff give for submitting with blank safety answers, the rules
-- DATA-02 cannot exclude and "Ask now" for the queue (and its order: first within the urgent tier), the history
-- of re-evaluations of open visits when the rules change, the recall list of signed visits the new rules would
-- rank higher, and a record of each ruleset the database was upgraded to. The re-evaluation itself needs the
-- engine, so it is run by the migration runner after this file (lib/db/ruleset-upgrade.ts).

-- CreateEnum
CREATE TYPE "BlankReason" AS ENUM ('patient_unable', 'declined', 'interpreter_needed', 'other');

-- AlterTable
ALTER TABLE "visits" ADD COLUMN "blank_reason_code" "BlankReason",
ADD COLUMN "blank_reason_text" TEXT,
ADD COLUMN "cannot_exclude" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "ask_now" BOOLEAN NOT NULL DEFAULT false;

-- DropIndex
DROP INDEX "visits_queue_idx";

-- CreateIndex
CREATE INDEX "visits_queue_idx" ON "visits"("status", "urgency" DESC, "ask_now" DESC, "submitted_at", "id");

-- CreateTable
CREATE TABLE "visit_reevaluations" (
    "id" BIGSERIAL NOT NULL,
    "visit_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "from_ruleset" TEXT NOT NULL,
    "to_ruleset" TEXT NOT NULL,
    "from_urgency" "Urgency",
    "to_urgency" "Urgency" NOT NULL,
    "from_imaging" "ImagingModality",
    "to_imaging" "ImagingModality" NOT NULL,
    "gained" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "lost" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "previous_evaluation" JSONB NOT NULL,
    "previous_decision" JSONB,

    CONSTRAINT "visit_reevaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ruleset_recalls" (
    "id" BIGSERIAL NOT NULL,
    "visit_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signed_ruleset" TEXT NOT NULL,
    "current_ruleset" TEXT NOT NULL,
    "signed_urgency" "Urgency",
    "current_urgency" "Urgency" NOT NULL,
    "gained" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "red_flag_gained" BOOLEAN NOT NULL DEFAULT false,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(6),
    "review_note" TEXT,

    CONSTRAINT "ruleset_recalls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ruleset_upgrades" (
    "ruleset" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ruleset_upgrades_pkey" PRIMARY KEY ("ruleset")
);

-- CreateIndex
CREATE INDEX "visit_reevaluations_visit_idx" ON "visit_reevaluations"("visit_id", "at");

-- CreateIndex
CREATE INDEX "ruleset_recalls_open_idx" ON "ruleset_recalls"("reviewed_at", "red_flag_gained", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "ruleset_recalls_visit_ruleset_key" ON "ruleset_recalls"("visit_id", "current_ruleset");

-- AddForeignKey
ALTER TABLE "visit_reevaluations" ADD CONSTRAINT "visit_reevaluations_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ruleset_recalls" ADD CONSTRAINT "ruleset_recalls_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ruleset_recalls" ADD CONSTRAINT "ruleset_recalls_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
