-- One row per decided alert: the decision also says which incident holds the alert, under its name, time and MITRE
-- techniques, so that correlation writes one row per alert instead of two (an incident-alert row and a decision row,
-- each with its own indexes). The unique system_alert_id of correlation_decision keeps an alert in at most one
-- incident, as incident_alert's did. Portable SQL: runs on H2 2.x and PostgreSQL.
ALTER TABLE correlation_decision ADD COLUMN alert_name VARCHAR;
ALTER TABLE correlation_decision ADD COLUMN alert_time TIMESTAMP WITH TIME ZONE;
ALTER TABLE correlation_decision ADD COLUMN techniques VARCHAR;

UPDATE correlation_decision SET
    alert_name = (SELECT a.alert_name FROM incident_alert a
                  WHERE a.system_alert_id = correlation_decision.system_alert_id),
    alert_time = (SELECT a.alert_time FROM incident_alert a
                  WHERE a.system_alert_id = correlation_decision.system_alert_id),
    techniques = (SELECT a.techniques FROM incident_alert a
                  WHERE a.system_alert_id = correlation_decision.system_alert_id)
WHERE incident_number IS NOT NULL;

-- an alert placed in an incident without a decision of its own (none should be) keeps its place
INSERT INTO correlation_decision (system_alert_id, decided_at, outcome, incident_number, reason, hits, alert_name,
                                  alert_time, techniques)
SELECT a.system_alert_id, a.attached_at, 'joined an incident', i.number, NULL, '[]', a.alert_name, a.alert_time,
       a.techniques
FROM incident_alert a JOIN incident i ON i.id = a.incident_id
WHERE NOT EXISTS (SELECT 1 FROM correlation_decision d WHERE d.system_alert_id = a.system_alert_id);

DROP TABLE incident_alert;
