package org.watchfloor.alerts.internal.loganalytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Log Analytics poller: which workspace, which query, how often, and as whom.
 *
 * @param enabled         poll the workspace; only the server polls, never a command-line verb
 * @param workspaceId     the Log Analytics workspace (its GUID, "Workspace ID" in the portal)
 * @param endpoint        the query API; https and ending in {@code /v1}, as the client requires with a credential
 * @param query           the KQL that selects the rows to ingest; the time window is passed beside it, not in it
 * @param pollInterval    the pause between the end of one poll and the start of the next
 * @param overlap         how far before the watermark each poll starts again, for rows that reach the workspace late
 * @param initialLookback how far back the first poll of a workspace reads, when no watermark is stored yet
 * @param requestTimeout  how long one query request may take, on the service and in the HTTP client
 * @param retry           retries of a query answered with 429 or 5xx, or not answered
 * @param credential      the identity the poller signs in as
 */
@ConfigurationProperties("watchfloor.log-analytics")
record LogAnalyticsProperties(
        @DefaultValue("false") boolean enabled,
        String workspaceId,
        @DefaultValue(DEFAULT_ENDPOINT) String endpoint,
        @DefaultValue(DEFAULT_QUERY) String query,
        @DefaultValue("5m") Duration pollInterval,
        @DefaultValue("20m") Duration overlap,
        @DefaultValue("24h") Duration initialLookback,
        @DefaultValue("3m") Duration requestTimeout,
        @DefaultValue Retry retry,
        @DefaultValue Credential credential) {

    static final String PREFIX = "watchfloor.log-analytics";
    static final String DEFAULT_ENDPOINT = "https://api.loganalytics.io/v1";
    static final String DEFAULT_QUERY = "SecurityAlert"
            + " | where ProductName in (\"Azure Security Center for IoT\", \"Microsoft Defender for IoT\")"
            + " or ProviderName == \"IoTSecurity\"";

    /**
     * Retries with exponential back-off; a {@code Retry-After} the service sends takes precedence over the
     * computed delay.
     *
     * @param maxAttempts how many times one query is sent at most, the first attempt included
     * @param baseDelay   the delay before the first retry, doubled for each further one
     * @param maxDelay    the longest computed delay between two attempts
     */
    record Retry(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("2s") Duration baseDelay,
            @DefaultValue("1m") Duration maxDelay) {
    }

    /**
     * The Microsoft Entra identity; it needs the Log Analytics Reader role (or read on the SecurityAlert table) on
     * the workspace.
     *
     * @param type          {@code default} (environment, workload or managed identity, Azure CLI),
     *                      {@code client-secret} (an app registration) or {@code managed-identity}
     * @param tenantId      the directory of the app registration; needed for {@code client-secret}
     * @param clientId      the app registration for {@code client-secret}, or a user-assigned managed identity
     * @param clientSecret  the app registration's secret; needed for {@code client-secret}
     * @param authorityHost the Entra sign-in host for sovereign clouds; empty means the public cloud
     */
    record Credential(
            @DefaultValue("default") CredentialType type,
            String tenantId,
            String clientId,
            String clientSecret,
            String authorityHost) {

        /** The secret must never reach a log line through a printed configuration. */
        @Override
        public String toString() {
            return "Credential[type=" + type + ", tenantId=" + tenantId + ", clientId=" + clientId
                    + ", clientSecret=" + (blank(clientSecret) ? "" : "***") + ", authorityHost=" + authorityHost + "]";
        }
    }

    enum CredentialType {
        DEFAULT, CLIENT_SECRET, MANAGED_IDENTITY
    }

    /** What is missing or wrong for polling, each naming the property to fix; empty when polling can start. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (blank(workspaceId)) {
            problems.add("set " + PREFIX + ".workspace-id to the workspace's ID");
        }
        if (blank(endpoint) || !endpoint.startsWith("https://") || !endpoint.replaceAll("/+$", "").endsWith("/v1")) {
            problems.add("set " + PREFIX + ".endpoint to an https URL ending in /v1 (default " + DEFAULT_ENDPOINT
                    + ")");
        }
        if (blank(query)) {
            problems.add("set " + PREFIX + ".query to a KQL query");
        }
        if (!isPositive(pollInterval)) {
            problems.add("set " + PREFIX + ".poll-interval to a positive duration");
        }
        if (overlap == null || overlap.isNegative()) {
            problems.add("set " + PREFIX + ".overlap to a duration of zero or more");
        }
        if (!isPositive(initialLookback)) {
            problems.add("set " + PREFIX + ".initial-lookback to a positive duration");
        }
        if (!isPositive(requestTimeout)) {
            problems.add("set " + PREFIX + ".request-timeout to a positive duration");
        }
        if (retry.maxAttempts() < 1 || !isPositive(retry.baseDelay()) || !isPositive(retry.maxDelay())) {
            problems.add("set " + PREFIX + ".retry.max-attempts to 1 or more and retry.base-delay, retry.max-delay"
                    + " to positive durations");
        }
        if (credential.type() == CredentialType.CLIENT_SECRET) {
            for (String[] part : new String[][] {
                {"tenant-id", credential.tenantId()}, {"client-id", credential.clientId()},
                {"client-secret", credential.clientSecret()}}) {
                if (blank(part[1])) {
                    problems.add("set " + PREFIX + ".credential." + part[0] + " (credential.type is client-secret)");
                }
            }
        }
        return problems;
    }

    /** The endpoint as the client wants it: a trailing slash would double in the request path. */
    String endpointWithoutSlash() {
        return endpoint.replaceAll("/+$", "");
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
