-- Security round 2 (issue 16): sessions ended by sign-out, the patients each audit row disclosed, and
-- sign-in throttling that a known browser (device cookie) passes.

-- CreateTable: sessions ended on the server (sign-out). Kept until the token would have expired anyway.
CREATE TABLE "revoked_sessions" (
    "jti" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "revoked_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "revoked_sessions_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "revoked_sessions_expires_idx" ON "revoked_sessions"("expires_at");

-- AddForeignKey
ALTER TABLE "revoked_sessions" ADD CONSTRAINT "revoked_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: every patient a row disclosed (a queue page, a search, a CSV export), for "who saw patient X".
-- Adding a column with a constant default rewrites no row, so the append-only trigger is not involved.
ALTER TABLE "audit_events" ADD COLUMN "patient_ids" UUID[] NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "audit_events_patient_ids_idx" ON "audit_events" USING GIN ("patient_ids");

-- AlterTable: the device (a hash of the device cookie's id) an attempt came from, when it carried one.
ALTER TABLE "login_failures" ADD COLUMN "device" TEXT;

-- CreateIndex
CREATE INDEX "login_failures_device_idx" ON "login_failures"("device", "at");
