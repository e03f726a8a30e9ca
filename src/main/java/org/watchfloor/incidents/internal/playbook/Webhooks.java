package org.watchfloor.incidents.internal.playbook;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * POSTs JSON to the playbooks' webhooks with the configured timeouts. Anything but a 2xx answer, a timeout or a
 * refused connection throws, so the Camunda job that called it fails, is retried, and ends as an incident in Cockpit.
 */
@Component
class Webhooks {

    private final RestClient client;

    Webhooks(RestClient.Builder builder, PlaybookProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.webhookConnectTimeout());
        requests.setReadTimeout(properties.webhookReadTimeout());
        this.client = builder.requestFactory(requests).build();
    }

    /** @return the HTTP status of the answer, always 2xx */
    int post(PlaybookProperties.Webhook webhook, Object payload) {
        try {
            return client.post().uri(webhook.url())
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> {
                        if (webhook.authorization() != null && !webhook.authorization().isBlank()) {
                            h.set("Authorization", webhook.authorization());
                        }
                    })
                    .body(payload)
                    .exchange((request, response) -> {
                        if (!response.getStatusCode().is2xxSuccessful()) {
                            throw new WebhookException(webhook.url() + " answered " + response.getStatusCode().value()
                                    + " " + excerpt(new String(response.getBody().readAllBytes())));
                        }
                        return response.getStatusCode().value();
                    });
        } catch (RestClientException e) {
            throw new WebhookException("POST to " + webhook.url() + " failed: " + e.getMessage(), e);
        }
    }

    private static String excerpt(String body) {
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }

    /** A webhook call that did not get a 2xx answer. */
    static class WebhookException extends RuntimeException {

        WebhookException(String message) {
            super(message);
        }

        WebhookException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
