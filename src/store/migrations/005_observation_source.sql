-- 005: an observation names the file it came from by a number: the path
-- was repeated on every row, and a million rows carried it a million times.
CREATE TABLE obs_source (
    id          INTEGER PRIMARY KEY,
    path        TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL
);
INSERT INTO obs_source (path, imported_at)
    SELECT DISTINCT source, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM observation;
CREATE TABLE observation_new (
    indicator TEXT NOT NULL REFERENCES indicator(id),
    division  TEXT NOT NULL,
    area      TEXT NOT NULL,
    period    TEXT NOT NULL,
    sex       TEXT NOT NULL DEFAULT 'T',
    breakdown TEXT NOT NULL DEFAULT '',
    value     REAL,
    status    TEXT NOT NULL,
    source    INTEGER NOT NULL REFERENCES obs_source(id),
    note      TEXT,
    PRIMARY KEY (indicator, division, area, period, sex, breakdown)
) WITHOUT ROWID;
INSERT INTO observation_new
    SELECT o.indicator, o.division, o.area, o.period, o.sex, o.breakdown, o.value, o.status,
           s.id, o.note
    FROM observation o JOIN obs_source s ON s.path = o.source;
DROP TABLE observation;
ALTER TABLE observation_new RENAME TO observation;
