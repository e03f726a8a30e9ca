-- An incident keeps the MITRE techniques of each of its alerts, so that a late alert re-sorts the incident's
-- techniques from the incident's own rows instead of reading back up to 150 alerts. Same format as the alert's
-- column: technique ids joined by commas.
ALTER TABLE incident_alert ADD COLUMN techniques VARCHAR;

UPDATE incident_alert SET techniques = (
    SELECT a.techniques FROM alert a WHERE a.system_alert_id = incident_alert.system_alert_id);
