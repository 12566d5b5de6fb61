-- Officers' supplement requests: the receipt of the supplement at the desk is an event of its
-- own, the end of the pause it closes.
ALTER TABLE dossier_event DROP CONSTRAINT dossier_event_kind_check;
ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_kind_check CHECK (kind IN (
    'received', 'routed', 'supplement_requested', 'supplement_received', 'refused', 'step_completed', 'assigned', 'released',
    'retried', 'put_aside', 'step_failed', 'lease_expired', 'resolved'));
