-- How the report, the survey and the emails refer to a leader (issue 15):
-- she, he, they, or name, where the first name is repeated instead of a
-- pronoun. Existing leaders get name, the wording that assumes nothing.
ALTER TABLE leaders ADD COLUMN pronoun TEXT NOT NULL DEFAULT 'name'
    CHECK (pronoun IN ('she', 'he', 'they', 'name'));
