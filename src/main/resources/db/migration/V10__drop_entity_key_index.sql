-- Incidents are never looked up by entity key in the database: correlation keeps its own index of them in memory
-- and reads an incident's keys by incident id (the primary key's first column). The index on the key alone only
-- cost every new key of every incident a second insert.
DROP INDEX ix_incident_entity_key;
