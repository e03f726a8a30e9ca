/**
 * Reporting: the daily triage and weekly SOC metrics reports. Spring Batch jobs aggregate alerts and incidents, fill
 * the JasperReports templates of {@code reports/}, archive the PDF with a record of the run and mail it to the
 * report's recipients; on a schedule, over the API and with the {@code report} verb.
 */
package org.watchfloor.reporting;
