-- 003: indicators of living conditions: definitions and observations per
-- area, period, sex and an optional breakdown (an age group, say).

CREATE TABLE indicator (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,            -- Swedish
    name_en    TEXT,
    unit       TEXT NOT NULL,
    kind       TEXT NOT NULL,            -- count | share | rate | median | mean | index
    better     TEXT NOT NULL,            -- higher | lower | none
    formula    TEXT,                     -- derived: an expression over other indicators
    theme      TEXT,
    goal       TEXT,
    source     TEXT NOT NULL,
    licence    TEXT,
    note       TEXT,
    defined_at TEXT NOT NULL
);

CREATE TABLE observation (
    indicator TEXT NOT NULL REFERENCES indicator(id),
    division  TEXT NOT NULL,
    area      TEXT NOT NULL,
    period    TEXT NOT NULL,             -- SCB's forms: 2022, 2024M01, 2024K1
    sex       TEXT NOT NULL DEFAULT 'T', -- T, K, M
    breakdown TEXT NOT NULL DEFAULT '',  -- e.g. "Alder=15-19"
    value     REAL,                      -- NULL unless status = ok
    status    TEXT NOT NULL,             -- ok | missing | suppressed | not_applicable
    source    TEXT NOT NULL,             -- the file it came from
    PRIMARY KEY (indicator, division, area, period, sex, breakdown)
) WITHOUT ROWID;
