package org.watchfloor.correlation.rules;

/**
 * Traffic the SOC closed as Learn: the same alert name from the same source to the same destination address is
 * expected from then on.
 */
public record LearnedTraffic(String alertName, String sourceAddress, String destinationAddress, String learnedBy) {

    public boolean covers(Alert alert) {
        return alertName.equalsIgnoreCase(alert.getName()) && sourceAddress.equals(alert.getSourceAddress())
                && destinationAddress.equals(alert.getDestinationAddress());
    }

    @Override
    public String toString() {
        return "learned baseline: " + alertName + " from " + sourceAddress + " to " + destinationAddress
                + " (learned by " + learnedBy + ")";
    }
}
