package org.watchfloor.reporting.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts report runs, on a schedule, over the API and from the command line, with the rules every path keeps: a
 * period already mailed is not run (nor mailed) again unless forced; a run whose delivery failed is restarted, which
 * delivers the PDF it archived without filling it again; a period being filled is not started twice.
 */
@Service
class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final ReportRunStore runs;
    private final ReportsProperties properties;
    private final Map<String, Job> jobs;
    private final TaskExecutorJobLauncher inBackground;
    private final TaskExecutorJobLauncher inCaller;
    private final Clock clock;

    ReportService(ReportRunStore runs, ReportsProperties properties, List<Job> jobs, JobRepository repository,
                  Clock clock) throws Exception {
        this.runs = runs;
        this.properties = properties;
        this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, j -> j));
        this.clock = clock;
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("report-");
        executor.setConcurrencyLimit(1);
        this.inBackground = launcher(repository, executor);
        this.inCaller = launcher(repository, new SyncTaskExecutor());
    }

    private static TaskExecutorJobLauncher launcher(JobRepository repository,
                                                    TaskExecutor executor)
            throws Exception {
        TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
        launcher.setJobRepository(repository);
        launcher.setTaskExecutor(executor);
        launcher.afterPropertiesSet();
        return launcher;
    }

    /** What a request led to: the run, and whether this request started (or restarted) it. */
    record Outcome(ReportRun run, boolean started, String note) {
    }

    /**
     * @param wait run in the calling thread (the command line) instead of in the background (the API, the schedule)
     * @throws IllegalStateException when a run for the period is still filling
     */
    Outcome request(ReportKind kind, ReportPeriod period, boolean force, String requestedBy, boolean wait)
            throws Exception {
        ZoneId zone = properties.zone();
        var latest = runs.latest(kind, period, zone);
        if (latest.isPresent() && !force) {
            ReportRun run = latest.get();
            if (!run.finished()) {
                throw new RunInProgressException(run);
            }
            if (runs.mailed(kind, period, zone)) {
                return new Outcome(run, false, "already mailed for this period; force to run and mail it again");
            }
            if (run.status() == RunStatus.DELIVERY_FAILED) {
                log.info("report run {}: delivering again, without refilling", run.id());
                runs.retryDelivery(run.id());
                launch(kind, run, period, zone, wait);
                return new Outcome(runs.find(run.id()).orElseThrow(), true, "delivery retried without refilling");
            }
        }
        ReportRun run = runs.create(kind, period, zone, requestedBy, force,
                properties.schedule(kind).recipients());
        log.info("report run {}: {} for {} requested by {}", run.id(), kind.template(), period, requestedBy);
        launch(kind, run, period, zone, wait);
        return new Outcome(runs.find(run.id()).orElseThrow(), true, null);
    }

    /** The scheduled run of a report: the previous day or week in the configured zone. */
    void scheduled(ReportKind kind) {
        ReportPeriod period = kind.previousPeriod(LocalDate.now(clock.withZone(properties.zone())));
        try {
            request(kind, period, false, "schedule", true);
        } catch (RunInProgressException e) {
            log.warn("scheduled {} for {} skipped: {}", kind.template(), period, e.getMessage());
        } catch (Exception e) {
            log.error("scheduled {} for {} failed: {}", kind.template(), period, e.getMessage(), e);
        }
    }

    private void launch(ReportKind kind, ReportRun run, ReportPeriod period, ZoneId zone, boolean wait)
            throws Exception {
        JobParameters parameters = new JobParametersBuilder()
                .addLong(ReportSteps.RUN, run.id(), true)
                .addString(ReportSteps.START, period.start(zone).toString(), false)
                .addString(ReportSteps.END, period.end(zone).toString(), false)
                .addString(ReportSteps.ZONE, zone.getId(), false)
                .toJobParameters();
        (wait ? inCaller : inBackground).run(jobs.get(kind.job()), parameters);
    }

    /** A run for the same period is still reading or filling. */
    static final class RunInProgressException extends IllegalStateException {

        RunInProgressException(ReportRun run) {
            super("run " + run.id() + " of " + run.report() + " for " + run.from() + " is in progress ("
                    + run.progress() + ")");
        }
    }
}
