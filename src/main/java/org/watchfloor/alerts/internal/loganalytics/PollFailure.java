package org.watchfloor.alerts.internal.loganalytics;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.time.Instant;

/**
 * Why a poll failed, told so that an operator knows what to change. Sign-in and configuration faults need a person
 * and make the poller unhealthy; anything else (the service busy or down after the retries, an unreadable answer)
 * is expected to pass and only shows in the health details.
 *
 * @param kind   which of the two
 * @param reason one line that names the property or the grant to fix, or what went wrong
 * @param at     when the poll failed
 */
record PollFailure(Kind kind, String reason, Instant at) {

    enum Kind {
        /** A person has to fix the configuration or a grant before any poll can succeed. */
        NEEDS_OPERATOR,
        /** The next poll may well succeed. */
        TRANSIENT
    }

    private static final int MAX_DETAIL = 300;

    boolean needsOperator() {
        return kind == Kind.NEEDS_OPERATOR;
    }

    static PollFailure configuration(String problems, Instant at) {
        return new PollFailure(Kind.NEEDS_OPERATOR, "configuration: " + problems, at);
    }

    static PollFailure of(Throwable error, LogAnalyticsProperties properties, Instant at) {
        String prefix = LogAnalyticsProperties.PREFIX;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MsalServiceException refused) {
                // azure-identity's synchronous sign-in wraps Entra's refusal in plain RuntimeExceptions, not in a
                // ClientAuthenticationException
                Integer status = refused.statusCode();
                if (status != null && status >= 500) {
                    return new PollFailure(Kind.TRANSIENT, "sign-in: HTTP " + status + ": " + detail(t), at);
                }
                return operator("sign-in failed: " + signInAdvice(properties), t, at);
            }
            if (!(t instanceof HttpResponseException http)) {
                continue;
            }
            int status = status(http);
            if (fromQueryApi(http, properties)) {
                if (status == 403) {
                    return operator("Log Analytics refused to let this identity read workspace "
                            + properties.workspaceId() + " (HTTP 403): grant it the Log Analytics Reader role on the"
                            + " workspace, or fix " + prefix + ".workspace-id", t, at);
                }
                if (status == 401) {
                    return operator("Log Analytics did not accept the token (HTTP 401): " + prefix + ".endpoint and "
                            + prefix + ".credential.authority-host must belong to the same Azure cloud", t, at);
                }
            } else if (t instanceof ClientAuthenticationException || status == 401 || status == 403) {
                return operator("sign-in failed: " + signInAdvice(properties), t, at);
            }
            return new PollFailure(Kind.TRANSIENT, (status > 0 ? "HTTP " + status + ": " : "") + detail(t), at);
        }
        return new PollFailure(Kind.TRANSIENT, detail(error), at);
    }

    private static String signInAdvice(LogAnalyticsProperties properties) {
        String credential = LogAnalyticsProperties.PREFIX + ".credential";
        LogAnalyticsProperties.Credential c = properties.credential();
        return switch (c.type()) {
            case CLIENT_SECRET -> "check " + credential + ".client-secret (wrong or expired?), " + credential
                    + ".client-id (" + c.clientId() + ") and " + credential + ".tenant-id (" + c.tenantId() + ")"
                    + (LogAnalyticsProperties.blank(c.authorityHost()) ? "" : " and " + credential + ".authority-host");
            case MANAGED_IDENTITY -> "this host has no usable managed identity: assign one to it, and set "
                    + credential + ".client-id when it is user-assigned";
            case DEFAULT -> "DefaultAzureCredential found no identity: set " + credential
                    + ".type to client-secret (with tenant-id, client-id, client-secret) or managed-identity, or give"
                    + " the process AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET";
        };
    }

    private static boolean fromQueryApi(HttpResponseException e, LogAnalyticsProperties properties) {
        HttpResponse response = e.getResponse();
        return response != null && response.getRequest() != null && response.getRequest().getUrl() != null
                && response.getRequest().getUrl().toString().startsWith(properties.endpointWithoutSlash());
    }

    private static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    private static PollFailure operator(String advice, Throwable cause, Instant at) {
        return new PollFailure(Kind.NEEDS_OPERATOR, advice + " (" + detail(cause) + ")", at);
    }

    /** The first line of the message: identity errors carry whole troubleshooting guides after it. */
    private static String detail(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline).strip();
        }
        return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    }
}
