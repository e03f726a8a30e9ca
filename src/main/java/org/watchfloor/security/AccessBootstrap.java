package org.watchfloor.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * At server start: the first administrator, the SOC's groups, and the bootstrap intake token. Runs in the server
 * only, so a generated password is printed where the operator watches the first start.
 */
@Component
@ConditionalOnWebApplication
class AccessBootstrap implements ApplicationRunner {

    /** The groups the lifecycle's tasks are assigned to. */
    static final String[][] SOC_GROUPS = {
        {"soc-leads", "SOC leads"}, {"soc-analysts", "SOC analysts"}, {"ot-engineers", "OT engineers"}};

    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final AdminProperties admin;
    private final IntakeTokenProperties intake;
    private final IntakeTokens tokens;

    AccessBootstrap(IdentityService identity, AuthorizationService authorizations, AdminProperties admin,
                    IntakeTokenProperties intake, IntakeTokens tokens) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.admin = admin;
        this.intake = intake;
        this.tokens = tokens;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
        for (String[] group : SOC_GROUPS) {
            ensureGroup(group[0], group[1], Groups.GROUP_TYPE_WORKFLOW);
        }
        grantAdministrators();
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

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
