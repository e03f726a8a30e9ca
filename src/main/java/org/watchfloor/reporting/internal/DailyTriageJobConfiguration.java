package org.watchfloor.reporting.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.database.JdbcCursorItemReader;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily triage report as a Spring Batch job: tally the period's alerts in chunks from a cursor (the period's
 * alerts are never all in memory), fill and archive the PDF with the incident figures, deliver it. Restarting a run
 * whose delivery failed runs the delivery only.
 */
@Configuration(proxyBeanMethods = false)
class DailyTriageJobConfiguration {

    static final String TALLY = "alertTally";

    @Bean
    Job dailyTriage(JobRepository jobs, ReportSteps steps, Step dailyTriageTally, Step dailyTriageFill) {
        return new JobBuilder(ReportKind.DAILY.job(), jobs)
                .listener(steps.outcome())
                .start(dailyTriageTally)
                .next(dailyTriageFill)
                .next(steps.deliver("dailyTriageDeliver"))
                .build();
    }

    @Bean
    Step dailyTriageTally(JobRepository jobs, PlatformTransactionManager transactions, ReportsProperties properties,
                          ReportSteps steps, JdbcCursorItemReader<AlertFacts> dailyTriageAlerts,
                          AlertTally dailyTriageAlertTally) {
        return new StepBuilder("dailyTriageTally", jobs)
                .<AlertFacts, AlertFacts>chunk(properties.chunkSize(), transactions)
                .reader(dailyTriageAlerts)
                .writer(dailyTriageAlertTally)
                .listener(steps.progress("alerts"))
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution step) {
                        if (step.getFailureExceptions().isEmpty()) {
                            step.getJobExecution().getExecutionContext().put(TALLY, dailyTriageAlertTally.summary());
                        }
                        return step.getExitStatus();
                    }
                })
                .build();
    }

    /** The period's alerts (see {@link AlertPeriod}), narrow columns only, streamed from a cursor. */
    @Bean
    @StepScope
    JdbcCursorItemReader<AlertFacts> dailyTriageAlerts(DataSource dataSource,
                                                       @Value("#{jobParameters['start']}") String start,
                                                       @Value("#{jobParameters['end']}") String end) {
        StreamingCursorReader<AlertFacts> reader = new StreamingCursorReader<>("dailyTriageAlerts");
        reader.setDataSource(dataSource);
        reader.setSql(AlertPeriod.select(AlertPeriod.DETECTED + ", severity, engine, site, sensor, alert_name, "
                + "source_device, source_address, destination_device, destination_address, tactics, techniques"));
        OffsetDateTime from = OffsetDateTime.ofInstant(Instant.parse(start), ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.ofInstant(Instant.parse(end), ZoneOffset.UTC);
        reader.setPreparedStatementSetter(statement -> {
            statement.setObject(1, from);
            statement.setObject(2, to);
            statement.setObject(3, from);
            statement.setObject(4, to);
        });
        reader.setRowMapper((rs, row) -> new AlertFacts(rs.getObject(1, OffsetDateTime.class).toInstant(),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
        return reader;
    }

    @Bean
    @StepScope
    AlertTally dailyTriageAlertTally(@Value("#{jobParameters['zone']}") String zone) {
        return new AlertTally(ZoneId.of(zone));
    }

    @Bean
    Step dailyTriageFill(JobRepository jobs, PlatformTransactionManager transactions, DailyTriageReport report) {
        return new StepBuilder("dailyTriageFill", jobs).tasklet((contribution, chunk) -> {
            StepExecution step = chunk.getStepContext().getStepExecution();
            AlertTally.Summary tally = (AlertTally.Summary) step.getJobExecution().getExecutionContext().get(TALLY);
            report.fill(step.getJobParameters(), tally);
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }
}
