-- A small sample of Đồng Nai's post-2025 desks and two procedures, so a fresh database can take
-- dossiers end to end. Limits are from the province's published procedures; the full catalog
-- replaces this through the catalog loader.

INSERT INTO department (code, name, agency_eid, valid_from) VALUES
    ('STC',  'Sở Tài chính',             '000.00.09.H19', DATE '2025-07-01'),
    ('THUE', 'Thuế tỉnh Đồng Nai',       '000.00.40.H19', DATE '2025-07-01'),
    ('BHXH', 'Bảo hiểm xã hội tỉnh',     '000.00.41.H19', DATE '2025-07-01'),
    ('STP',  'Sở Tư pháp',               '000.00.16.H19', DATE '2025-07-01');

INSERT INTO procedure (code, version, name, department_code, time_limit, effective_from) VALUES
    ('2.001610', 1, 'Đăng ký thành lập doanh nghiệp tư nhân', 'STC', 3, DATE '2025-07-01'),
    ('2.000815', 1, 'Chứng thực bản sao từ bản chính',        'STP', 0, DATE '2025-07-01');

INSERT INTO procedure_step (procedure_code, procedure_version, position, department_code, kind) VALUES
    ('2.001610', 1, 1, 'STC',  'automatic'),
    ('2.001610', 1, 2, 'THUE', 'automatic'),
    ('2.001610', 1, 3, 'BHXH', 'automatic'),
    ('2.000815', 1, 1, 'STP',  'automatic');
