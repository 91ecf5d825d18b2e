-- 009: releases (issue 18): immutable, numbered sets of published cells
-- with the parameters that made them. A release is never edited;
-- withdrawing it only sets withdrawn.

CREATE TABLE release (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    created          TEXT NOT NULL,    -- ISO 8601 UTC
    withdrawn        TEXT,             -- ISO 8601 UTC, or NULL while published
    instrument       TEXT NOT NULL,
    cutset           TEXT NOT NULL,    -- the cut-off set used ("" for the instrument's own)
    by_grade         INTEGER NOT NULL,
    by_sex           INTEGER NOT NULL,
    norm_city        INTEGER NOT NULL,
    min_n            INTEGER NOT NULL,
    min_count        INTEGER NOT NULL,
    group_disclosure INTEGER NOT NULL,
    protection       REAL NOT NULL,
    pct_decimals     INTEGER,          -- NULL: shortest exact digits
    secondary        TEXT NOT NULL,    -- the secondary suppression's method, a code
    instrument_json  TEXT NOT NULL     -- the manifest's "instrument" object, fixed at creation
);

-- Waves are named, not referenced: a release outlives a replaced wave.
CREATE TABLE release_wave (
    release        INTEGER NOT NULL REFERENCES release(id),
    seq            INTEGER NOT NULL,
    name           TEXT NOT NULL,
    instrument     TEXT NOT NULL,
    revision       INTEGER NOT NULL,
    grade_complete INTEGER NOT NULL,
    sex_complete   INTEGER NOT NULL,
    synthetic      INTEGER NOT NULL,
    source         TEXT NOT NULL,
    PRIMARY KEY (release, seq)
) WITHOUT ROWID;
CREATE INDEX release_wave_name ON release_wave (instrument, name);

CREATE TABLE release_division (
    release  INTEGER NOT NULL REFERENCES release(id),
    seq      INTEGER NOT NULL,
    division TEXT NOT NULL,
    PRIMARY KEY (release, seq)
) WITHOUT ROWID;

CREATE TABLE release_group (
    release  INTEGER NOT NULL REFERENCES release(id),
    seq      INTEGER NOT NULL,
    name     TEXT NOT NULL,
    division TEXT NOT NULL,
    PRIMARY KEY (release, seq)
) WITHOUT ROWID;

-- Every area a cell speaks of, as a union of base units ('|'-separated).
CREATE TABLE release_area (
    release         INTEGER NOT NULL REFERENCES release(id),
    seq             INTEGER NOT NULL,
    division        TEXT NOT NULL,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    parent_division TEXT NOT NULL,
    parent_code     TEXT NOT NULL,
    base_division   TEXT NOT NULL,
    base_codes      TEXT NOT NULL,
    PRIMARY KEY (release, seq)
) WITHOUT ROWID;

-- The cells as published, in the export's order (seq). A suppressed
-- cell keeps its status and reason and has its numbers NULL: a release
-- never stores what it hides.
CREATE TABLE release_cell (
    release     INTEGER NOT NULL REFERENCES release(id),
    seq         INTEGER NOT NULL,
    division    TEXT NOT NULL,
    area        TEXT NOT NULL,
    wave        TEXT NOT NULL,
    grade       TEXT NOT NULL,
    sex         TEXT NOT NULL,
    scale       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    cutoff      TEXT NOT NULL,
    headline    INTEGER NOT NULL,
    n           INTEGER,
    n_scored    INTEGER,
    k           INTEGER,
    pct         REAL,
    ci_low      REAL,
    ci_high     REAL,
    norm_pct    REAL,
    norm_source TEXT NOT NULL,
    diff        REAL,
    flag        TEXT NOT NULL,
    status      TEXT NOT NULL,     -- ok | suppressed
    reason      TEXT NOT NULL,     -- "" | small_group | min_count | group_disclosure | secondary
    source      TEXT NOT NULL,
    PRIMARY KEY (release, seq)
) WITHOUT ROWID;
