-- Assignment as configured: the procedures whose review and signature steps an officer takes
-- first at the officer's department (least loaded among them); officers without an entry take
-- any procedure. Procedure codes, not versions: the arrangement outlives catalog versions.
CREATE TABLE officer_procedure (
    officer_code    text NOT NULL REFERENCES officer (code) ON DELETE CASCADE,
    procedure_code  text NOT NULL,
    PRIMARY KEY (officer_code, procedure_code)
);
CREATE INDEX officer_procedure_procedure ON officer_procedure (procedure_code);
