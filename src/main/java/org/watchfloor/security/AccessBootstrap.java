package org.watchfloor.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * At server start: the first administrator, the SOC's groups, and the bootstrap intake token. Runs in the server
 * only, so a generated password is printed where the operator watches the first start, and before the web server
 * takes requests: as an application runner it ran after, and a forwarder that posted as soon as the health endpoint
 * answered got 401 for a valid token.
 */
@Component
@ConditionalOnWebApplication
class AccessBootstrap implements SmartInitializingSingleton {

    /** The groups the lifecycle's tasks are assigned to. */
    static final String[][] SOC_GROUPS = {
        {"soc-leads", "SOC leads"}, {"soc-analysts", "SOC analysts"}, {"ot-engineers", "OT engineers"}};

    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService taskQueries;
    private final AdminProperties admin;
    private final IntakeTokenProperties intake;
    private final IntakeTokens tokens;

    AccessBootstrap(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                    TaskService taskQueries, AdminProperties admin, IntakeTokenProperties intake, IntakeTokens tokens) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.taskQueries = taskQueries;
        this.admin = admin;
        this.intake = intake;
        this.tokens = tokens;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
        for (String[] group : SOC_GROUPS) {
            ensureGroup(group[0], group[1], Groups.GROUP_TYPE_WORKFLOW);
        }
        grantAdministrators();
        grantSocGroups();
        ensureTaskFilters();
        ensureAdministrator();
        if (intake.bootstrapToken() != null && !intake.bootstrapToken().isBlank()) {
            tokens.provision("bootstrap", intake.bootstrapToken().trim());
        }
    }

    private void ensureAdministrator() {
        String username = admin.username();
        User user = identity.createUserQuery().userId(username).singleResult();
        boolean configured = admin.password() != null && !admin.password().isBlank();
        if (user == null) {
            user = identity.newUser(username);
            user.setFirstName("Watchfloor");
            user.setLastName("Administrator");
            String password = configured ? admin.password() : generatedPassword();
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(username, Groups.CAMUNDA_ADMIN);
            identity.createMembership(username, "soc-leads");
            if (configured) {
                log.info("Created the administrator '{}' with the configured password", username);
            } else {
                log.warn("""

                        ================================================================
                        Created the administrator '{}' with the generated password:
                            {}
                        It is shown this once. Change it in Camunda Admin (/camunda),
                        or set WATCHFLOOR_ADMIN_PASSWORD to have it set at every start.
                        ================================================================""", username, password);
            }
        } else if (configured && !identity.checkPassword(username, admin.password())) {
            user.setPassword(admin.password());
            identity.saveUser(user);
            log.info("Set the configured password of the administrator '{}'", username);
        }
    }

    private void ensureGroup(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
        }
    }

    private void grantAdministrators() {
        for (Resource resource : Resources.values()) {
            boolean granted = authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() > 0;
            if (!granted) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }

    /**
     * The SOC's groups work in Tasklist: they open it, read the lifecycle's processes, forms and tasks, and use the
     * task filters. Claiming and completing a task comes with being its candidate (Camunda grants that per task);
     * the SOC leads also read Cockpit.
     */
    private void grantSocGroups() {
        for (String[] group : SOC_GROUPS) {
            String id = group[0];
            grant(id, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(id, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_TASK,
                    Permissions.READ_INSTANCE);
            grant(id, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.READ);
            grant(id, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
            grant(id, Resources.FILTER, Authorization.ANY, Permissions.READ);
        }
        grant("soc-leads", Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    }

    private void grant(String group, Resources resource, String resourceId, Permission... permissions) {
        boolean granted = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
                .resourceId(resourceId).count() > 0;
        if (!granted) {
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
            for (Permission permission : permissions) {
                grant.addPermission(permission);
            }
            authorizations.saveAuthorization(grant);
        }
    }

    /** Tasklist's lists: what I am working on, and what my groups may pick up. */
    private void ensureTaskFilters() {
        ensureFilter("My incident tasks", taskQueries.createTaskQuery().taskAssigneeExpression("${currentUser()}"), -10);
        ensureFilter("Incident tasks for my groups", taskQueries.createTaskQuery()
                .taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned(), -5);
    }

    private void ensureFilter(String name, TaskQuery query, int priority) {
        if (filters.createFilterQuery().filterName(name).count() == 0) {
            Filter filter = filters.newTaskFilter(name).setQuery(query)
                    .setProperties(Map.of("priority", priority, "description", name, "refresh", true));
            filters.saveFilter(filter);
        }
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
