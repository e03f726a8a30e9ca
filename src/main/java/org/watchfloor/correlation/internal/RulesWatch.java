package org.watchfloor.correlation.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * In the server: builds the rules at start (a broken set stops the start, with its errors) and checks the rules
 * folder for changes, so an edit takes effect without a restart. On a thread of its own, so a slow build never
 * holds up the application's other schedules.
 */
@Component
@ConditionalOnWebApplication
class RulesWatch implements SmartInitializingSingleton, DisposableBean {

    private final ActiveRules rules;
    private final RulesProperties properties;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rules-watch");
        thread.setDaemon(true);
        return thread;
    });

    RulesWatch(ActiveRules rules, RulesProperties properties) {
        this.rules = rules;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        rules.get();
        long every = properties.reloadCheck().toMillis();
        if (every > 0) {
            checker.scheduleWithFixedDelay(rules::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
