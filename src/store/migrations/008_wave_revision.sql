-- 008: a revision per wave (issue 18), so that a release can say which
-- version of a corrected wave it was made from.

-- The revision of a wave: 1 on its first import, one more on each import
-- that replaces it. Kept apart from wave, which a replace deletes and
-- inserts again, and never deleted, so that a wave deleted and imported
-- again does not start over at a revision a release already names.
ALTER TABLE wave ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
CREATE TABLE wave_revision (
    instrument TEXT NOT NULL,
    name       TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    PRIMARY KEY (instrument, name)
) WITHOUT ROWID;
INSERT INTO wave_revision (instrument, name, revision)
    SELECT instrument, name, 1 FROM wave;
