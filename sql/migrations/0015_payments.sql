-- Payments an officer asks for (a fee, or the tax a tax office assessed) and their receipt.
-- Whether the dossier's clock stands still meanwhile is the procedure version's rule (the
-- catalog's `payment_pauses_clock`); the request's event records the rule it applied.
ALTER TABLE procedure ADD COLUMN payment_pauses_clock boolean NOT NULL DEFAULT false;

ALTER TABLE dossier_event DROP CONSTRAINT dossier_event_kind_check;
ALTER TABLE dossier_event ADD CONSTRAINT dossier_event_kind_check CHECK (kind IN (
    'received', 'routed', 'supplement_requested', 'supplement_received', 'refused', 'step_completed', 'assigned', 'released',
    'retried', 'put_aside', 'step_failed', 'lease_expired', 'resolved', 'withdrawn', 'stopped', 'apologised', 'returned',
    'consulted', 'consultation_answered', 'payment_requested', 'payment_received'));
