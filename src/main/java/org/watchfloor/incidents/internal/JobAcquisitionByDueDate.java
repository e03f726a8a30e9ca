package org.watchfloor.incidents.internal;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job executor looks for due jobs by due date, through an index. Camunda's default acquisition query reads every
 * job, and each incident keeps SLA timers for hours: in a flood of incidents every look read thousands of waiting
 * timers, a ninth of all CPU in the intake benchmark's lifecycle. Camunda's schema has no index on the due date, and
 * Camunda creates its tables when the engine is built, after Flyway has run, so the index is made here, once the
 * engine is built. Jobs stored earlier without a due date get one (now, which is what none meant); acquisition by due
 * date would never find them otherwise.
 */
@Component
class JobAcquisitionByDueDate extends AbstractProcessEnginePlugin {

    static final String INDEX = "WF_IDX_JOB_DUEDATE";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionByDueDate.class);

    private final DataSource dataSource;

    JobAcquisitionByDueDate(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
        configuration.setJobExecutorAcquireByDueDate(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int dated = jdbc.update("UPDATE ACT_RU_JOB SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL",
                new Timestamp(ClockUtil.getCurrentTime().getTime()));
        if (dated > 0) {
            log.info("Gave {} jobs stored without a due date the due date now, so the job executor finds them", dated);
        }
        try {
            jdbc.execute("CREATE INDEX IF NOT EXISTS " + INDEX + " ON ACT_RU_JOB (DUEDATE_)");
        } catch (DataAccessException raced) {
            // another server sharing the database may create it in the same instant; the index is there either way
            log.debug("Index {} not created here: {}", INDEX, raced.getMessage());
        }
    }
}
