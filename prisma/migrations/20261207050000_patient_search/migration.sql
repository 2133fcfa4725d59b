-- The front desk (issue 18): a search by date of birth, and the likely-duplicate check when a patient is
-- registered, look patients up by birth date. Names keep using patients_search_trgm_idx (pg_trgm).

-- CreateIndex
CREATE INDEX "patients_birth_date_idx" ON "patients"("birth_date");
