-- Rules that several statements share, kept once in the database.

-- The step after `after_position` in a procedure version's route (no row at the end of the
-- route). Intake routes to the step after 0; a completed step routes to the one after it.
CREATE FUNCTION route_next_step(procedure_code text, procedure_version integer, after_position integer)
    RETURNS SETOF procedure_step
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT * FROM procedure_step ps
    WHERE ps.procedure_code = $1 AND ps.procedure_version = $2 AND ps.position > $3
    ORDER BY ps.position LIMIT 1
$$;

-- Where a work item goes after a failed or abandoned attempt: ready for another attempt, or
-- put aside for a supervisor once its attempts are used up.
CREATE FUNCTION work_item_after_failure(attempts integer, max_attempts integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN attempts >= max_attempts THEN 'needs_attention' ELSE 'ready' END;
