package org.watchfloor;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties what correlation and the lifecycle keep about incidents, processes and their history included, so a test
 * starts numbering from 1 again.
 */
public final class IncidentTables {

    private IncidentTables() {
    }

    public static void wipe(ApplicationContext context) {
        Background.finish(context);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        List<String> running = runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId)
                .toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "test clean-up", true, true);
        }
        TaskService tasks = context.getBean(TaskService.class);
        tasks.createTaskQuery().list().stream().filter(t -> t.getProcessInstanceId() == null)
                .forEach(t -> tasks.deleteTask(t.getId(), true));
        HistoryService history = context.getBean(HistoryService.class);
        List<String> finished = history.createHistoricProcessInstanceQuery().list().stream()
                .map(HistoricProcessInstance::getId).toList();
        if (!finished.isEmpty()) {
            history.deleteHistoricProcessInstances(finished);
        }
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        for (String table : List.of("incident_comment", "incident_audit", "incident_sla_breach", "learned_baseline",
                "correlation_decision", "incident_entity", "incident")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE incident_number_counter SET last_number = 0");
    }
}
