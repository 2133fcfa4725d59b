-- The review queue at 100k visits (issue 20).
-- The per-urgency badges: a count per (status, urgency) of the visits in the queue (SUBMITTED and SIGNED), kept
-- by statement triggers on "visits" in the same transaction as every change, so a view filtered by status and
-- urgency alone reads 8 rows instead of counting every visit it holds. Exact at any snapshot: a counter row
-- changes only together with the visits it counts. A visit without an urgency counts as "none", as the queue
-- shows it.

-- CreateTable
CREATE TABLE "queue_counts" (
    "status" "VisitStatus" NOT NULL,
    "urgency" "Urgency" NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "queue_counts_pkey" PRIMARY KEY ("status","urgency")
);

-- Every queue status and urgency has its row from the start: the triggers only ever update.
INSERT INTO "queue_counts" ("status", "urgency", "n")
SELECT s.status, u.urgency,
       (SELECT count(*) FROM "visits" v WHERE v."status" = s.status AND coalesce(v."urgency", 'none') = u.urgency)
  FROM unnest(ARRAY['SUBMITTED', 'SIGNED']::"VisitStatus"[]) AS s(status)
 CROSS JOIN unnest(enum_range(NULL::"Urgency")) AS u(urgency);

-- Apply the changes of one statement: net deltas per (status, urgency), the counter rows locked in key order
-- (so two statements never wait on each other's rows in opposite orders), then updated.
CREATE FUNCTION "queue_counts_bump"(statuses "VisitStatus"[], urgencies "Urgency"[], deltas INTEGER[]) RETURNS void
LANGUAGE sql AS $$
  WITH net AS (
         SELECT x.status, x.urgency, sum(x.delta) AS delta
           FROM unnest(statuses, urgencies, deltas) AS x(status, urgency, delta)
          GROUP BY x.status, x.urgency
         HAVING sum(x.delta) <> 0),
       locked AS (
         SELECT c."status", c."urgency"
           FROM "queue_counts" c JOIN net ON net.status = c."status" AND net.urgency = c."urgency"
          ORDER BY c."status", c."urgency"
            FOR UPDATE OF c)
  UPDATE "queue_counts" c SET "n" = c."n" + net.delta
    FROM net JOIN locked ON locked."status" = net.status AND locked."urgency" = net.urgency
   WHERE c."status" = net.status AND c."urgency" = net.urgency
$$;

CREATE FUNCTION "queue_counts_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s "VisitStatus"[]; u "Urgency"[]; d INTEGER[];
BEGIN
  SELECT array_agg("status"), array_agg(coalesce("urgency", 'none')), array_agg(1) INTO s, u, d
    FROM new_rows WHERE "status" <> 'DRAFT';
  IF s IS NOT NULL THEN PERFORM "queue_counts_bump"(s, u, d); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "queue_counts_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s "VisitStatus"[]; u "Urgency"[]; d INTEGER[];
BEGIN
  -- Most updates (autosaves of drafts, decisions) leave status and urgency as they were: nothing to apply.
  SELECT array_agg(x.status), array_agg(x.urgency), array_agg(x.delta) INTO s, u, d
    FROM (SELECT o."status", coalesce(o."urgency", 'none') AS urgency, -1 AS delta FROM old_rows o WHERE o."status" <> 'DRAFT'
          UNION ALL
          SELECT n."status", coalesce(n."urgency", 'none'), 1 FROM new_rows n WHERE n."status" <> 'DRAFT') AS x;
  IF s IS NOT NULL THEN PERFORM "queue_counts_bump"(s, u, d); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "queue_counts_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s "VisitStatus"[]; u "Urgency"[]; d INTEGER[];
BEGIN
  SELECT array_agg("status"), array_agg(coalesce("urgency", 'none')), array_agg(-1) INTO s, u, d
    FROM old_rows WHERE "status" <> 'DRAFT';
  IF s IS NOT NULL THEN PERFORM "queue_counts_bump"(s, u, d); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "queue_counts_insert" AFTER INSERT ON "visits" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "queue_counts_after_insert"();
CREATE TRIGGER "queue_counts_update" AFTER UPDATE ON "visits" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "queue_counts_after_update"();
CREATE TRIGGER "queue_counts_delete" AFTER DELETE ON "visits" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "queue_counts_after_delete"();

-- A TRUNCATE of visits (tests, resets) would leave the counts stale: reset them with it.
CREATE FUNCTION "queue_counts_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "queue_counts" SET "n" = 0;
  RETURN NULL;
END $$;
CREATE TRIGGER "queue_counts_truncate" AFTER TRUNCATE ON "visits"
  FOR EACH STATEMENT EXECUTE FUNCTION "queue_counts_after_truncate"();

-- The queue filtered by imaging (and dates): status, urgency, "Ask now" and the id in the index too, so the
-- page's ids and the counts come from the index alone instead of a heap row per visit.
DROP INDEX "visits_imaging_idx";
CREATE INDEX "visits_imaging_idx" ON "visits"("imaging_modality", "submitted_at", "status", "urgency", "ask_now", "id");
