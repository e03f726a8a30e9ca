package org.watchfloor.incidents.automation;

import java.util.List;

/** Runs the automation rules in force on an incident and answers the actions they take, in order. */
public interface AutomationRules {

    List<AutomationAction> evaluate(TriggeredIncident incident);
}
