package org.watchfloor.incidents.internal;

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
 * On H2, a process's variables are found through an index on execution and task. Camunda reads them with
 * {@code EXECUTION_ID_ = ? AND TASK_ID_ IS NULL}. Until H2 has gathered statistics on the table, both columns look
 * alike to it and it walks the index on {@code TASK_ID_}: every process variable of every incident, read for each
 * step of each process. In a 30,000-alert benchmark that query was half of the job executor's CPU; at 100,000
 * alerts the job executor took 11 minutes of both cores. An index on both columns is H2's choice with or
 * without statistics. PostgreSQL weighs how many rows are null and needs no help. Made once the engine is built,
 * since Camunda creates its tables then, after Flyway has run.
 */
@Component
class ProcessVariablesByExecution extends AbstractProcessEnginePlugin {

    static final String INDEX = "WF_IDX_VARIABLE_EXECUTION";

    private static final Logger log = LoggerFactory.getLogger(ProcessVariablesByExecution.class);

    private final DataSource dataSource;
    private String databaseType;

    ProcessVariablesByExecution(DataSource dataSource) {
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
        try {
            new JdbcTemplate(dataSource).execute(
                    "CREATE INDEX IF NOT EXISTS " + INDEX + " ON ACT_RU_VARIABLE (EXECUTION_ID_, TASK_ID_)");
        } catch (DataAccessException raced) {
            // another process on the same database file may create it in the same instant; it is there either way
            log.debug("Index {} not created here: {}", INDEX, raced.getMessage());
        }
    }
}
