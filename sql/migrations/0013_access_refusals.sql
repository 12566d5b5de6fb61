-- Refused reads of personal data are logged too (who asked, for which dossier, why refused),
-- beside the granted ones: an audit of personal data needs both.
ALTER TABLE personal_data_access ADD COLUMN granted boolean NOT NULL DEFAULT true;
