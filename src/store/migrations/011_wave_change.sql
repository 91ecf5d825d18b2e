-- 011: what each correction of a wave changed (issue 18, the
-- one-extra-respondent attack). `survey import --replace` compares the
-- old and the new respondents as multisets (area codes, grade, sex and
-- answers; no ids) and keeps how many the new revision added and
-- removed. A release of the corrected wave publishes these counts with
-- the wave, and the audit of it with the releases of the earlier
-- revision protects the answers of exactly those added and removed: what
-- was published stays known. Never cleared, like wave_revision.
CREATE TABLE wave_change (
    instrument TEXT NOT NULL,
    name       TEXT NOT NULL,
    revision   INTEGER NOT NULL,  -- the revision the change made
    added      INTEGER NOT NULL,
    removed    INTEGER NOT NULL,
    PRIMARY KEY (instrument, name, revision)
) WITHOUT ROWID;
