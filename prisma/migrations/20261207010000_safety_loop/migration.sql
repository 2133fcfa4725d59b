-- The safety loop (issue 15): an outbox of events announced with LISTEN/NOTIFY, alerts a clinician must
-- acknowledge (and their escalation), amendments that complete a submitted visit's blank answers, and the
-- coded reason a doctor gives for signing with answers that truly cannot be obtained.

-- CreateEnum
CREATE TYPE "AlertReason" AS ENUM ('emergency', 'cannot_exclude_emergency', 'tier_rose');

-- AlterTable
ALTER TABLE "visits" ADD COLUMN "provisional_reason_code" "BlankReason",
ADD COLUMN "provisional_reason_text" TEXT;

-- CreateTable: the outbox. Ids, kind and urgency only: never names, answers or free text.
CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "visit_id" UUID NOT NULL,
    "urgency" "Urgency",
    "owner_id" UUID,
    "alert_id" BIGINT,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" BIGSERIAL NOT NULL,
    "visit_id" UUID NOT NULL,
    "visit_version" INTEGER NOT NULL,
    "reason" "AlertReason" NOT NULL,
    "urgency" "Urgency" NOT NULL,
    "raised_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raised_by_id" UUID NOT NULL,
    "acknowledged_by_id" UUID,
    "acknowledged_at" TIMESTAMPTZ(6),
    "escalated_at" TIMESTAMPTZ(6),

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_amendments" (
    "id" BIGSERIAL NOT NULL,
    "visit_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "amended_by_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" JSONB NOT NULL,
    "previous_answers" JSONB NOT NULL,
    "previous_evaluation" JSONB NOT NULL,
    "from_urgency" "Urgency",
    "to_urgency" "Urgency" NOT NULL,

    CONSTRAINT "visit_amendments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "events_owner_idx" ON "events"("owner_id", "id");

-- CreateIndex
CREATE INDEX "events_at_idx" ON "events"("at");

-- CreateIndex
CREATE UNIQUE INDEX "alerts_visit_version_key" ON "alerts"("visit_id", "visit_version");

-- CreateIndex
CREATE INDEX "alerts_open_idx" ON "alerts"("acknowledged_at", "raised_at");

-- CreateIndex
CREATE INDEX "alerts_raised_idx" ON "alerts"("raised_at");

-- CreateIndex
CREATE INDEX "visit_amendments_visit_idx" ON "visit_amendments"("visit_id", "at");

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_raised_by_id_fkey" FOREIGN KEY ("raised_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_amendments" ADD CONSTRAINT "visit_amendments_visit_id_fkey" FOREIGN KEY ("visit_id") REFERENCES "visits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_amendments" ADD CONSTRAINT "visit_amendments_amended_by_id_fkey" FOREIGN KEY ("amended_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every event is announced when its transaction commits (NOTIFY is transactional): each worker LISTENs and
-- passes it to its connected clients. The payload is the row's ids, kind and urgency, well under NOTIFY's 8 kB.
CREATE FUNCTION "events_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('backline_events', json_build_object(
    'id', NEW.id::text, 'at', NEW.at, 'kind', NEW.kind, 'visitId', NEW.visit_id, 'urgency', NEW.urgency,
    'ownerId', NEW.owner_id, 'alertId', NEW.alert_id::text)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER "events_announce" AFTER INSERT ON "events" FOR EACH ROW EXECUTE FUNCTION "events_announce"();
