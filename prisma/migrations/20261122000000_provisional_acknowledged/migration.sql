-- A provisional result (safety answers left blank, DATA-01) is signed only after the doctor confirms
-- having asked the unanswered safety questions; the signed record keeps that it was acknowledged, for
-- the review page and the exports. Visits signed before this column existed stay false.

-- AlterTable
ALTER TABLE "visits" ADD COLUMN "provisional_acknowledged" BOOLEAN NOT NULL DEFAULT false;
