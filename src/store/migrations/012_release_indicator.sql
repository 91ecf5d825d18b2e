-- 012: indicator tables in a release (issue 18). Indicators from SCB and
-- Kolada are public statistics, already protected by their producer: a
-- release may include them as they are, with their source and status,
-- and the audit does not read them. Stored as published, in the export's
-- order (seq).
CREATE TABLE release_indicator (
    release   INTEGER NOT NULL REFERENCES release(id),
    seq       INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    name      TEXT NOT NULL,
    unit      TEXT NOT NULL,
    division  TEXT NOT NULL,
    area      TEXT NOT NULL,
    area_name TEXT NOT NULL,
    period    TEXT NOT NULL,
    value     REAL,              -- NULL: none (status says why)
    status    TEXT NOT NULL,     -- docs/output-codes.md, indicator
    estimated TEXT NOT NULL,     -- "" or how it was estimated
    source    TEXT NOT NULL,
    PRIMARY KEY (release, seq)
) WITHOUT ROWID;
