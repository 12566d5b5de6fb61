-- The dossier code format in one place, so intake can number and insert a dossier in a single
-- statement: <agency e-ID>-<yymmdd>-<4-digit sequence of the day>.
CREATE FUNCTION dossier_code(agency_eid text, day date, sequence integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN agency_eid || '-' || to_char(day, 'YYMMDD') || '-' || lpad(sequence::text, 4, '0');
