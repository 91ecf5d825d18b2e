-- 010: whether a release's files name the rule that hid each cell
-- (issue 18). Releases made before this migration were exported and
-- served with the rule's code (small_group, min_count, group_disclosure,
-- secondary), and what was published stays known: the audit of a later
-- release of the same waves reads their codes as published facts, and
-- their export stays as it was. Releases made from now on say only
-- "confidential" (release/export.h).
ALTER TABLE release ADD COLUMN rule_codes INTEGER NOT NULL DEFAULT 0;
UPDATE release SET rule_codes = 1;
