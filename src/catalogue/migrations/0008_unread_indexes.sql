-- Search, filters and facets are answered by the search index; no statement reads the resource
-- table by category or municipality (every read is by id or the whole table in catalogue order).
-- These two indexes were only written: two B-tree inserts per row of every import.
DROP INDEX IF EXISTS resource_category;
DROP INDEX IF EXISTS resource_municipality;
