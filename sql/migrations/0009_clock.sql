-- The one clock of every business time: motcua_now() is the server's time (the transaction's
-- start, like now()) unless a simulated clock is set for this database, in tests, drills and
-- demos. Every process on the database reads the same clock, so the same SQL runs in
-- production and in simulation. Leases, heartbeats, retry backoff and worker liveness keep
-- real elapsed time with now(): they guard against real stalls (docs/ARCHITECTURE.md, "The clock").

-- At most one row: the simulated instant `anchor` at the server time `set_at`, flowing at
-- `rate` simulated seconds per real second (1 like real time, 0 frozen).
CREATE TABLE simulated_clock (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    anchor     timestamptz NOT NULL,
    set_at     timestamptz NOT NULL,
    rate       double precision NOT NULL DEFAULT 1 CHECK (rate >= 0 AND rate <= 1000000)
);

CREATE FUNCTION motcua_now() RETURNS timestamptz
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN coalesce((SELECT c.anchor + (now() - c.set_at) * c.rate FROM simulated_clock c), now());

-- Business times take their default from the clock.
ALTER TABLE dossier_event ALTER COLUMN at SET DEFAULT motcua_now();
ALTER TABLE applicant ALTER COLUMN created_at SET DEFAULT motcua_now();
ALTER TABLE personal_data_access ALTER COLUMN at SET DEFAULT motcua_now();
ALTER TABLE calendar_override ALTER COLUMN created_at SET DEFAULT motcua_now();
ALTER TABLE work_item ALTER COLUMN created_at SET DEFAULT motcua_now();
ALTER TABLE work_item_history ALTER COLUMN created_at SET DEFAULT motcua_now();
