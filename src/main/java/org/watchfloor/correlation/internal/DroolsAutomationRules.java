package org.watchfloor.correlation.internal;

import java.time.Clock;
import java.util.List;
import org.kie.api.definition.KiePackage;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.springframework.stereotype.Component;
import org.watchfloor.incidents.automation.AutomationAction;
import org.watchfloor.incidents.automation.AutomationActions;
import org.watchfloor.incidents.automation.AutomationRules;
import org.watchfloor.incidents.automation.TriggeredIncident;

/**
 * Runs the rules of {@code rules/automation} from the rule set in force, so they are built, checked and reloaded with
 * the rest of the rules folder. Only rules of the {@code automation} package may fire here.
 */
@Component
class DroolsAutomationRules implements AutomationRules {

    static final String PACKAGE = "automation";

    private final ActiveRules rules;
    private final Clock clock;

    DroolsAutomationRules(ActiveRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public List<AutomationAction> evaluate(TriggeredIncident incident) {
        RuleSet ruleSet = rules.get();
        KiePackage automation = ruleSet.kieBase().getKiePackage(PACKAGE);
        if (automation == null || automation.getRules().isEmpty()) {
            return List.of();
        }
        AutomationActions actions = new AutomationActions(clock.instant());
        KieSession session = ruleSet.kieBase().newKieSession();
        try {
            session.setGlobal("actions", actions);
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void beforeMatchFired(BeforeMatchFiredEvent event) {
                    var metadata = event.getMatch().getRule().getMetaData();
                    actions.firing(event.getMatch().getRule().getName(), metadata.get("order"),
                            metadata.get("expiresAt"));
                }
            });
            session.insert(incident);
            session.fireAllRules(match -> PACKAGE.equals(match.getRule().getPackageName()));
            return actions.ordered();
        } finally {
            session.dispose();
        }
    }
}
