package org.watchfloor.reporting.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
 * The weekly SOC metrics report as a Spring Batch job: tally the incidents opened, triaged or closed in the period
 * and the one before it from a cursor, in chunks; fill and archive the PDF; deliver it. Restarting a run whose
 * delivery failed runs the delivery only.
 */
@Configuration(proxyBeanMethods = false)
class WeeklySocMetricsJobConfiguration {

    static final String TALLY = "incidentTally";

    @Bean
    Job weeklySocMetrics(JobRepository jobs, ReportSteps steps, Step weeklySocMetricsTally,
                         Step weeklySocMetricsFill) {
        return new JobBuilder(ReportKind.WEEKLY.job(), jobs)
                .listener(steps.outcome())
                .start(weeklySocMetricsTally)
                .next(weeklySocMetricsFill)
                .next(steps.deliver("weeklySocMetricsDeliver"))
                .build();
    }

    @Bean
    Step weeklySocMetricsTally(JobRepository jobs, PlatformTransactionManager transactions,
                               ReportsProperties properties, ReportSteps steps,
                               JdbcCursorItemReader<IncidentTimes> weeklySocMetricsIncidents,
                               IncidentTally weeklySocMetricsIncidentTally) {
        return new StepBuilder("weeklySocMetricsTally", jobs)
                .<IncidentTimes, IncidentTimes>chunk(properties.chunkSize(), transactions)
                .reader(weeklySocMetricsIncidents)
                .writer(weeklySocMetricsIncidentTally)
                .listener(steps.progress("incidents"))
                .listener(new StepExecutionListener() {
                    @Override
                    public ExitStatus afterStep(StepExecution step) {
                        if (step.getFailureExceptions().isEmpty()) {
                            step.getJobExecution().getExecutionContext().put(TALLY,
                                    weeklySocMetricsIncidentTally.summary());
                        }
                        return step.getExitStatus();
                    }
                })
                .build();
    }

    /** Incidents begun (first alert), triaged or closed in the period or in the period of the same length before it. */
    @Bean
    @StepScope
    JdbcCursorItemReader<IncidentTimes> weeklySocMetricsIncidents(DataSource dataSource,
                                                                 @Value("#{jobParameters['start']}") String start,
                                                                 @Value("#{jobParameters['end']}") String end) {
        Instant from = Instant.parse(start);
        Instant to = Instant.parse(end);
        OffsetDateTime since = from.minus(Duration.between(from, to)).atOffset(ZoneOffset.UTC);
        OffsetDateTime until = to.atOffset(ZoneOffset.UTC);
        StreamingCursorReader<IncidentTimes> reader = new StreamingCursorReader<>("weeklySocMetricsIncidents");
        reader.setDataSource(dataSource);
        reader.setSql("SELECT first_activity, created_at, triaged_at, closed_at, severity, owner, classification, "
                + "sla_breached FROM incident WHERE (first_activity >= ? AND first_activity < ?) "
                + "OR (triaged_at >= ? AND triaged_at < ?) OR (closed_at >= ? AND closed_at < ?)");
        reader.setPreparedStatementSetter(statement -> {
            for (int i = 1; i <= 6; i += 2) {
                statement.setObject(i, since);
                statement.setObject(i + 1, until);
            }
        });
        reader.setRowMapper((rs, row) -> new IncidentTimes(instant(rs.getObject(1, OffsetDateTime.class)),
                instant(rs.getObject(2, OffsetDateTime.class)), instant(rs.getObject(3, OffsetDateTime.class)),
                instant(rs.getObject(4, OffsetDateTime.class)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getBoolean(8)));
        return reader;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    @Bean
    @StepScope
    IncidentTally weeklySocMetricsIncidentTally(@Value("#{jobParameters['start']}") String start,
                                                @Value("#{jobParameters['end']}") String end) {
        Instant from = Instant.parse(start);
        Instant to = Instant.parse(end);
        return new IncidentTally(from.minus(Duration.between(from, to)), from, to);
    }

    @Bean
    Step weeklySocMetricsFill(JobRepository jobs, PlatformTransactionManager transactions,
                              WeeklySocMetricsReport report) {
        return new StepBuilder("weeklySocMetricsFill", jobs).tasklet((contribution, chunk) -> {
            StepExecution step = chunk.getStepContext().getStepExecution();
            IncidentTally.Summary tally =
                    (IncidentTally.Summary) step.getJobExecution().getExecutionContext().get(TALLY);
            report.fill(step.getJobParameters(), tally);
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }
}
