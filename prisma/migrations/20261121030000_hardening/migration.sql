-- Hardening: session revocation, sign-in throttling shared by every app instance, and an index for
-- the audit log page's action filter.

-- AlterTable
ALTER TABLE "users" ADD COLUMN "session_epoch" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "login_failures" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "account" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "login_failures_account_idx" ON "login_failures"("account", "at");
CREATE INDEX "login_failures_address_idx" ON "login_failures"("address", "at");
CREATE INDEX "audit_events_action_idx" ON "audit_events"("action", "at");
