-- H2 only. The daily report reads a dozen narrow columns of every alert of its period. H2 keeps a row as one value,
-- the raw SecurityAlert row of several kilobytes included, and reads it whole; this index holds the report's columns,
-- so H2 answers the report from the index alone. PostgreSQL streams the period's rows instead, and limits the size of
-- an index entry, which long alert or device names could exceed.
CREATE INDEX ix_alert_report ON alert (start_time, first_seen, severity, engine, site, sensor, alert_name,
    source_device, source_address, destination_device, destination_address, tactics, techniques);
