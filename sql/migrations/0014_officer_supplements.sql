-- Officers' decisions beyond approving: the receipt of a supplement at the desk (the end of the
-- pause it closes), a withdrawal at the applicant's request, processing stopped, the apology
-- slip with its new date, the result handed over, and another department consulted and its answer.
ALTER TABLE dossier_event DROP CONSTRAINT dossier_event_kind_check;
ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_kind_check CHECK (kind IN (
    'received', 'routed', 'supplement_requested', 'supplement_received', 'refused', 'step_completed', 'assigned', 'released',
    'retried', 'put_aside', 'step_failed', 'lease_expired', 'resolved', 'withdrawn', 'stopped', 'apologised', 'returned',
    'consulted', 'consultation_answered'));
