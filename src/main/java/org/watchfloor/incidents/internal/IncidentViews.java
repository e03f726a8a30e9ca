package org.watchfloor.incidents.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.watchfloor.alerts.AlertQueries;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.StoredAlert;
import org.watchfloor.web.Page;

/** What the incident API shows, read in one transaction so an incident and its alerts agree. */
@Service
@Transactional(readOnly = true)
class IncidentViews {

    private final IncidentStore store;
    private final LifecycleStore lifecycle;
    private final AlertQueries alerts;
    private final IncidentProcess process;
    private final TaskService tasks;

    IncidentViews(IncidentStore store, LifecycleStore lifecycle, AlertQueries alerts, IncidentProcess process,
                  TaskService tasks) {
        this.store = store;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.process = process;
        this.tasks = tasks;
    }

    Page<IncidentSummary> search(IncidentFilter filter, int page, int size) {
        List<IncidentSummary> content = store.search(filter, page, size).stream().map(IncidentSummary::of).toList();
        return Page.of(content, page, size, store.count(filter));
    }

    Optional<IncidentDetail> detail(long number) {
        return store.find(number).map(row -> {
            List<AlertRef> refs = store.alerts(row.id());
            Map<String, SecurityAlert> stored = alerts.findAll(refs.stream().map(AlertRef::systemAlertId).toList())
                    .stream().map(StoredAlert::alert)
                    .collect(Collectors.toMap(SecurityAlert::systemAlertId, Function.identity(), (a, b) -> a));
            List<IncidentDetail.Alert> shown = new ArrayList<>(refs.size());
            Map<String, IotDevice> devices = new LinkedHashMap<>();
            for (AlertRef ref : refs) {
                SecurityAlert alert = stored.get(ref.systemAlertId());
                shown.add(alert == null ? unstored(ref) : alert(ref, alert));
                if (alert != null) {
                    alert.devices().forEach(d -> devices.putIfAbsent(d.identity(), d));
                }
            }
            return new IncidentDetail(IncidentSummary.of(row), shown, List.copyOf(devices.values()),
                    openTasks(row.number()), lifecycle.comments(row.number()), lifecycle.auditTrail(row.number()),
                    lifecycle.slaBreaches(row.number()), store.explanations(row.number()));
        });
    }

    private List<IncidentDetail.OpenTask> openTasks(long number) {
        return process.openTasks(number).stream().map(task -> {
            List<IdentityLink> links = tasks.getIdentityLinksForTask(task.getId());
            return new IncidentDetail.OpenTask(task.getId(), task.getName(), task.getTaskDefinitionKey(),
                    task.getAssignee(), candidates(links, IdentityLink::getGroupId),
                    candidates(links, IdentityLink::getUserId), task.getCreateTime().toInstant(),
                    task.getCamundaFormRef() == null ? task.getFormKey() : task.getCamundaFormRef().getKey());
        }).toList();
    }

    private static List<String> candidates(List<IdentityLink> links, Function<IdentityLink, String> id) {
        return links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).map(id)
                .filter(Objects::nonNull).toList();
    }

    private static IncidentDetail.Alert alert(AlertRef ref, SecurityAlert a) {
        return new IncidentDetail.Alert(ref.systemAlertId(), a.alertName(), a.severity(), ref.time(),
                a.details().sourceDevice(), a.details().sourceDeviceAddress(), a.details().destinationDevice(),
                a.details().destinationDeviceAddress(), a.engine(), a.productName(), a.status(), a.tactics(),
                a.techniques());
    }

    /** An alert the alerts module no longer holds still shows what the incident recorded of it. */
    private static IncidentDetail.Alert unstored(AlertRef ref) {
        return new IncidentDetail.Alert(ref.systemAlertId(), ref.alertName(), null, ref.time(), null, null, null, null,
                null, null, null, List.of(), List.of());
    }
}
