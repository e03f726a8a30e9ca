-- Where each of an incident's MITRE techniques was first seen (JSON: technique, alert time, the alert's place among
-- the incident's alerts, the technique's place in the alert's list), so that an alert earlier than the incident's
-- last activity re-sorts the techniques without reading the incident's alerts. Null for an incident stored before:
-- correlation works it out from the incident's alerts the first time it changes the incident.
ALTER TABLE incident ADD COLUMN technique_first_seen VARCHAR;
