-- The alerts on a device address within a time range (an incident's related alerts, whether a workstation was seen
-- before) are found in the index alone: with the address indexed by itself, every alert ever seen on a busy PLC was
-- read whole to compare its time.
DROP INDEX ix_alert_source_address;
DROP INDEX ix_alert_destination_address;
CREATE INDEX ix_alert_source_address_time ON alert (source_address, time_generated);
CREATE INDEX ix_alert_destination_address_time ON alert (destination_address, time_generated);
