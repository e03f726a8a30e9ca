/**
 * The vocabulary of the automation rules in {@code rules/automation}: the incident a rule looks at, when it looks
 * (created or updated), and the actions it may take. Exposed to the correlation module, which builds and runs the
 * rules with the rest of the rules folder.
 */
@NamedInterface("automation")
package org.watchfloor.incidents.automation;

import org.springframework.modulith.NamedInterface;
