package org.watchfloor.incidents.internal;

import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On H2, two of Camunda's lookups that run for every step of every process go through indexes that match all their
 * conditions. Until H2 has gathered statistics on a table it rates every column alike and takes the first index that
 * fits one condition, which for these lookups reads rows of every incident's process:
 * <ul>
 * <li>a process's variables, {@code EXECUTION_ID_ = ? AND TASK_ID_ IS NULL}: H2 walked the {@code TASK_ID_} index,
 * every process variable. In a 30,000-alert benchmark that query was half of the job executor's CPU; at 100,000 alerts
 * the job executor took 11 minutes of both cores;</li>
 * <li>the message subscriptions of an execution, when an incident's process is told of new alerts:
 * {@code EXECUTION_ID_ = ? AND EVENT_TYPE_ = ? AND EVENT_NAME_ = ?}: H2 walked the event name index, the subscription
 * of every running lifecycle, and telling processes became most of the lifecycle's CPU at 100,000 alerts.</li>
 * </ul>
 * An index on all the columns is H2's choice with or without statistics. PostgreSQL weighs its statistics and needs no
 * help. Made once the engine is built, since Camunda creates its tables then, after Flyway has run.
 */
@Component
class CamundaIndexesOnH2 extends AbstractProcessEnginePlugin {

    static final String VARIABLES_BY_EXECUTION = "WF_IDX_VARIABLE_EXECUTION";
    static final String SUBSCRIPTIONS_BY_EXECUTION = "WF_IDX_EVENT_SUBSCR_EXECUTION";

    private static final Map<String, String> INDEXES = Map.of(
            VARIABLES_BY_EXECUTION, "ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)",
            SUBSCRIPTIONS_BY_EXECUTION, "ACT_RU_EVENT_SUBSCR (EXECUTION_ID_, EVENT_TYPE_, EVENT_NAME_)");

    private static final Logger log = LoggerFactory.getLogger(CamundaIndexesOnH2.class);

    private final DataSource dataSource;
    private String databaseType;

    CamundaIndexesOnH2(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        databaseType = configuration.getDatabaseType();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!"h2".equals(databaseType)) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        INDEXES.forEach((name, columns) -> {
            try {
                jdbc.execute("CREATE INDEX IF NOT EXISTS " + name + " ON " + columns);
            } catch (DataAccessException raced) {
                // another process on the same database file may create it in the same instant; it is there either way
                log.debug("Index {} not created here: {}", name, raced.getMessage());
            }
        });
    }
}
