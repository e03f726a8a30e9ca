package org.watchfloor.alerts.internal.loganalytics;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.LogsQueryClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Builds the query client and its credential from the configuration. An azure-core {@link HttpClient} bean, when
 * the application has one (a proxy, a private certificate authority), carries both the queries and the sign-in,
 * with its own timeouts; {@code request-timeout} then bounds only the query on the service.
 */
@Component
@ConditionalOnProperty(prefix = LogAnalyticsProperties.PREFIX, name = "enabled", havingValue = "true")
class LogAnalyticsClients {

    private final LogAnalyticsProperties properties;
    private final ObjectProvider<HttpClient> httpClient;

    LogAnalyticsClients(LogAnalyticsProperties properties, ObjectProvider<HttpClient> httpClient) {
        this.properties = properties;
        this.httpClient = httpClient;
    }

    /** Builds nothing that talks to Azure yet: the first request signs in. */
    LogsQueryClient queryClient() {
        HttpClient http = httpClient();
        LogAnalyticsProperties.Retry retry = properties.retry();
        return new LogsQueryClientBuilder()
                .endpoint(properties.endpointWithoutSlash())
                .credential(credential(http))
                .httpClient(http)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(retry.maxAttempts() - 1)
                        .setBaseDelay(retry.baseDelay())
                        .setMaxDelay(retry.maxDelay())))
                .buildClient();
    }

    private HttpClient httpClient() {
        HttpClient configured = httpClient.getIfAvailable();
        if (configured != null) {
            return configured;
        }
        return HttpClient.createDefault(new HttpClientOptions()
                .setResponseTimeout(properties.requestTimeout())
                .setReadTimeout(properties.requestTimeout()));
    }

    private TokenCredential credential(HttpClient http) {
        LogAnalyticsProperties.Credential c = properties.credential();
        String authorityHost = LogAnalyticsProperties.blank(c.authorityHost()) ? null : c.authorityHost().trim();
        return switch (c.type()) {
            case CLIENT_SECRET -> {
                ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                        .tenantId(c.tenantId().trim())
                        .clientId(c.clientId().trim())
                        .clientSecret(c.clientSecret())
                        .httpClient(http);
                if (authorityHost != null) {
                    // Microsoft's instance discovery refuses hosts it does not list (Azure Stack, private clouds);
                    // sign-in works without it
                    builder.authorityHost(authorityHost).disableInstanceDiscovery();
                }
                yield builder.build();
            }
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder().httpClient(http);
                if (!LogAnalyticsProperties.blank(c.clientId())) {
                    builder.clientId(c.clientId().trim());
                }
                yield builder.build();
            }
            case DEFAULT -> {
                DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(http);
                if (!LogAnalyticsProperties.blank(c.tenantId())) {
                    builder.tenantId(c.tenantId().trim());
                }
                if (!LogAnalyticsProperties.blank(c.clientId())) {
                    builder.managedIdentityClientId(c.clientId().trim());
                }
                if (authorityHost != null) {
                    builder.authorityHost(authorityHost).disableInstanceDiscovery();
                }
                yield builder.build();
            }
        };
    }
}
