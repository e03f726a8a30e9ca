/**
 * Incidents: what correlation opened, with their alerts, entities, MITRE tactics and the explanation of every
 * decision; the REST API that shows them.
 */
package org.watchfloor.incidents;
