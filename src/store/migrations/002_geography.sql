-- 002: geography: division versions and provenance, area geometry
-- (WGS 84 WKB for display; area, interior point and envelope measured in
-- SWEREF 99 TM, EPSG:3006), crosswalks between divisions, named groups.

ALTER TABLE division ADD COLUMN version TEXT;
ALTER TABLE division ADD COLUMN valid_from TEXT;
ALTER TABLE division ADD COLUMN valid_to TEXT;
ALTER TABLE division ADD COLUMN source TEXT;
ALTER TABLE division ADD COLUMN imported_at TEXT;

CREATE TABLE area_geom (
    division TEXT NOT NULL,
    code     TEXT NOT NULL,
    wkb      BLOB NOT NULL,           -- WGS 84, longitude/latitude, 2D
    area_m2  REAL NOT NULL,           -- in EPSG:3006
    ipt_lon  REAL NOT NULL,           -- a point inside the area
    ipt_lat  REAL NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL, -- EPSG:3006
    repaired TEXT,                    -- why it was invalid, when --repair made it valid
    PRIMARY KEY (division, code),
    FOREIGN KEY (division, code) REFERENCES area(division, code) ON DELETE CASCADE
) WITHOUT ROWID;

-- Weights that move a figure from an area of one division to areas of
-- another: the share of the from-area (by area or population) that lies in
-- each to-area. A key table gives weight 1.
CREATE TABLE crosswalk (
    from_div  TEXT NOT NULL REFERENCES division(id),
    to_div    TEXT NOT NULL REFERENCES division(id),
    from_code TEXT NOT NULL,
    to_code   TEXT NOT NULL,
    weight    REAL NOT NULL,
    method    TEXT NOT NULL,          -- area | population | key
    source    TEXT NOT NULL,
    PRIMARY KEY (from_div, to_div, from_code, to_code)
) WITHOUT ROWID;

CREATE TABLE area_group (
    name     TEXT PRIMARY KEY,
    division TEXT NOT NULL REFERENCES division(id),
    created_at TEXT NOT NULL
);

CREATE TABLE area_group_member (
    grp  TEXT NOT NULL REFERENCES area_group(name) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (grp, code)
) WITHOUT ROWID;
