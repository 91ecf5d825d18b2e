-- Marks the file as a jamlik database (SQLite application id "JLIK"),
-- so that jamlik can tell it from another program's SQLite file or a
-- GeoPackage before it writes anything (store/sqlite.c, identify).
PRAGMA application_id = 1246513483;
