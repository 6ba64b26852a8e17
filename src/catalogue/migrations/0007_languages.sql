-- Languages as data (issue 19): the languages a window answers in, and whether it arranges an
-- interpreter, as its source states them. Empty for every record until a source says.
ALTER TABLE resource ADD COLUMN languages TEXT;
ALTER TABLE resource ADD COLUMN interpreter TEXT;
ALTER TABLE archived_resource ADD COLUMN languages TEXT;
ALTER TABLE archived_resource ADD COLUMN interpreter TEXT;
ALTER TABLE local_resource ADD COLUMN languages TEXT;
ALTER TABLE local_resource ADD COLUMN interpreter TEXT;
