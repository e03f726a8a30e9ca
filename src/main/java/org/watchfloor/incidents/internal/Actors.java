package org.watchfloor.incidents.internal;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is changing an incident, for the audit trail: the user Camunda's web apps or REST API authenticated, else the
 * user of Watchfloor's API, else Watchfloor itself (timers, correlation, automation).
 */
@Component
class Actors {

    static final String WATCHFLOOR = "watchfloor";

    private final IdentityService identity;

    Actors(IdentityService identity) {
        this.identity = identity;
    }

    String current() {
        Authentication camunda = identity.getCurrentAuthentication();
        if (camunda != null && camunda.getUserId() != null) {
            return camunda.getUserId();
        }
        var spring = SecurityContextHolder.getContext().getAuthentication();
        if (spring != null && spring.isAuthenticated() && !(spring instanceof AnonymousAuthenticationToken)) {
            return spring.getName();
        }
        return WATCHFLOOR;
    }
}
