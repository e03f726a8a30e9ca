package org.watchfloor.reporting.internal;

import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What the report jobs share: the job parameters, the delivery step, progress reporting and the run record's
 * status when a job ends.
 */
@Component
class ReportSteps {

    /** identifying: a run is one job instance, so running it again restarts it where it failed */
    static final String RUN = "run";
    static final String START = "start";
    static final String END = "end";
    static final String ZONE = "zone";

    private static final Logger log = LoggerFactory.getLogger(ReportSteps.class);

    private final JobRepository jobs;
    private final PlatformTransactionManager transactions;
    private final ReportRunStore runs;
    private final ReportDelivery delivery;

    ReportSteps(JobRepository jobs, PlatformTransactionManager transactions, ReportRunStore runs,
                ReportDelivery delivery) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.runs = runs;
        this.delivery = delivery;
    }

    static long runId(JobParameters parameters) {
        return parameters.getLong(RUN);
    }

    static Instant start(JobParameters parameters) {
        return Instant.parse(parameters.getString(START));
    }

    static Instant end(JobParameters parameters) {
        return Instant.parse(parameters.getString(END));
    }

    static ZoneId zone(JobParameters parameters) {
        return ZoneId.of(parameters.getString(ZONE));
    }

    /** Mails the archived PDF; the only step a restart after a failed delivery runs again. */
    Step deliver(String name) {
        return new StepBuilder(name, jobs).tasklet((contribution, chunk) -> {
            delivery.deliver(runId(chunk.getStepContext().getStepExecution().getJobParameters()));
            return RepeatStatus.FINISHED;
        }, transactions).build();
    }

    /** After each chunk: how many rows the step has read, in the run record and every 20 chunks in the log. */
    ChunkListener progress(String what) {
        return new ChunkListener() {
            @Override
            public void afterChunk(ChunkContext context) {
                StepExecution step = context.getStepContext().getStepExecution();
                long run = runId(step.getJobParameters());
                String progress = what + " read: " + step.getReadCount();
                runs.progress(run, progress);
                if (step.getCommitCount() % 20 == 0) {
                    log.info("report run {}: {}", run, progress);
                }
            }
        };
    }

    /** A job that ended without delivering leaves the reason in the run record. */
    JobExecutionListener outcome() {
        return new JobExecutionListener() {
            @Override
            public void afterJob(JobExecution job) {
                long run = runId(job.getJobParameters());
                if (job.getExitStatus().getExitCode().equals(ExitStatus.COMPLETED.getExitCode())) {
                    return;
                }
                runs.find(run).filter(r -> !r.finished()).ifPresent(r -> {
                    String reason = job.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst()
                            .orElse(job.getExitStatus().getExitDescription());
                    runs.failed(run, r.status() == RunStatus.FILLED ? RunStatus.DELIVERY_FAILED : RunStatus.FAILED,
                            reason);
                });
            }
        };
    }
}
