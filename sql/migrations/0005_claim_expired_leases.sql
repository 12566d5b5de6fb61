-- Claims also take back items whose lease expired (a worker died or stalled holding them).
-- This index finds them without scanning completed history.
CREATE INDEX work_item_expired_lease ON work_item (department_code, lease_expires_at)
    WHERE state = 'claimed';
