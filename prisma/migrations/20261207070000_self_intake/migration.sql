-- Self-intake (issue 19): patients answer a visit's intake themselves, by a one-time link or on a clinic tablet.
-- The visit keeps the patient's own answers (patient_answers) beside the answers staff check and correct, when the
-- patient finished (patient_reported_at) and in which language.

-- AlterTable
ALTER TABLE "visits" ADD COLUMN "patient_reported_at" TIMESTAMPTZ(6),
ADD COLUMN "patient_answers" JSONB,
ADD COLUMN "patient_language" TEXT;

-- CreateTable
CREATE TABLE "self_intake_links" (
    "id" BIGSERIAL NOT NULL,
    "visit_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "used_at" TIMESTAMPTZ(6),
    "failed_attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_at" TIMESTAMPTZ(6),
    "session_hash" TEXT,
    "language" TEXT,

    CONSTRAINT "self_intake_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "self_intake_links_token_hash_key" ON "self_intake_links"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "self_intake_links_session_hash_key" ON "self_intake_links"("session_hash");

-- CreateIndex
CREATE INDEX "self_intake_links_visit_id_idx" ON "self_intake_links"("visit_id");

-- AddForeignKey
ALTER TABLE "self_intake_links" ADD CONSTRAINT "self_intake_links_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "self_intake_links" ADD CONSTRAINT "self_intake_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
