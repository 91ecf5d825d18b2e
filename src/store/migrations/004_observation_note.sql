-- 004: the source's own word for an observation's status (Kolada's
-- "status" text, say), kept beside jamlik's status.
ALTER TABLE observation ADD COLUMN note TEXT;
