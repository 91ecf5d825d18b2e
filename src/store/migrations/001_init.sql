-- 001: the survey core: instruments, divisions and areas, waves,
-- respondents (one packed row each), derived cut-offs.

CREATE TABLE instrument (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    source_text TEXT NOT NULL,       -- the instrument file as imported
    imported_at TEXT NOT NULL
);

CREATE TABLE division (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    parent_division TEXT REFERENCES division(id)
);

CREATE TABLE area (
    division    TEXT NOT NULL REFERENCES division(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    parent_code TEXT,
    PRIMARY KEY (division, code)
) WITHOUT ROWID;

CREATE TABLE wave (
    id          INTEGER PRIMARY KEY,
    instrument  TEXT NOT NULL REFERENCES instrument(id),
    name        TEXT NOT NULL,
    date        TEXT NOT NULL,           -- YYYY-MM-DD, orders waves
    divisions   TEXT NOT NULL,           -- area columns, tab-separated, in order
    synthetic   INTEGER NOT NULL DEFAULT 0,
    source      TEXT NOT NULL,           -- file name as given
    imported_at TEXT NOT NULL,
    n_read      INTEGER NOT NULL,
    n_excluded  INTEGER NOT NULL,
    UNIQUE (instrument, name)
);

-- One packed row per respondent: answers holds one byte per instrument
-- item (0 = no answer, else 1 + the position of the code in the item's
-- code list); areas holds the area codes of wave.divisions, tab-separated.
CREATE TABLE respondent (
    wave     INTEGER NOT NULL REFERENCES wave(id),
    seq      INTEGER NOT NULL,
    ext_id   TEXT NOT NULL,
    school   TEXT,
    grade    INTEGER,                    -- index into 6,7,8,9,gy1,gy2,gy3
    sex      INTEGER,                    -- 0 = K, 1 = M
    areas    TEXT NOT NULL,
    answers  BLOB NOT NULL,
    excluded TEXT,                       -- the screen that excluded it
    PRIMARY KEY (wave, seq)
) WITHOUT ROWID;

CREATE TABLE wave_screen (
    wave   INTEGER NOT NULL REFERENCES wave(id),
    screen TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (wave, screen)
) WITHOUT ROWID;

-- Cut-offs derived from a reference wave (jamlik cutoffs derive).
CREATE TABLE cutoff (
    instrument TEXT NOT NULL REFERENCES instrument(id),
    cutset     TEXT NOT NULL,            -- e.g. "derived:2024"
    scale      TEXT NOT NULL,
    name       TEXT NOT NULL,
    value      REAL NOT NULL,
    headline   INTEGER NOT NULL,
    label      TEXT,
    source     TEXT NOT NULL,
    norm_pct   REAL,
    norm_source TEXT,
    norm_version TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (instrument, cutset, scale, name)
) WITHOUT ROWID;
