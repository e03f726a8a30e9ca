package org.watchfloor.incidents.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * In the server: deploys the processes folder at start (a process Camunda cannot parse stops the start, with the
 * reason) and again whenever a file in it changes. Only a changed folder deploys, and it deploys as a whole, so a
 * process and the forms it binds to always share a deployment; running instances keep the version they started on.
 */
@Component
@ConditionalOnWebApplication
class ProcessDeployer implements SmartInitializingSingleton, DisposableBean {

    static final String DEPLOYMENT_NAME = "watchfloor-processes";

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployer.class);

    private final RepositoryService repository;
    private final ProcessesProperties properties;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "processes-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int lastFingerprint;

    ProcessDeployer(RepositoryService repository, ProcessesProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        deploy(read());
        long every = properties.reloadCheck().toMillis();
        if (every > 0) {
            checker.scheduleWithFixedDelay(this::deployIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Deploys the folder if it changed since the last deployment; a process that does not parse is logged. */
    void deployIfChanged() {
        try {
            ProcessSource source = read();
            if (fingerprint(source) != lastFingerprint) {
                deploy(source);
            }
        } catch (RuntimeException e) {
            log.error("The processes in {} were not deployed; the running versions stay in force: {}",
                    properties.dir().toAbsolutePath(), e.getMessage());
            lastFingerprint = fingerprint(read());
        }
    }

    private synchronized void deploy(ProcessSource source) {
        DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME).source(source.origin())
                .enableDuplicateFiltering(false);
        source.files().forEach(file -> deployment.addInputStream(file.path(),
                new ByteArrayInputStream(file.content())));
        DeploymentWithDefinitions deployed = deployment.deployWithResult();
        lastFingerprint = fingerprint(source);
        // an unchanged folder deploys nothing and answers the earlier deployment, without its definitions
        List<ProcessDefinition> definitions = deployed.getDeployedProcessDefinitions();
        if (definitions != null && !definitions.isEmpty()) {
            log.info("Deployed {} processes from {}: {}", definitions.size(), source.origin(),
                    definitions.stream().map(d -> d.getKey() + " v" + d.getVersion()).toList());
        }
    }

    private ProcessSource read() {
        try {
            return Files.isDirectory(properties.dir())
                    ? ProcessSource.fromDirectory(properties.dir()) : ProcessSource.packaged();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the processes folder " + properties.dir().toAbsolutePath(), e);
        }
    }

    private static int fingerprint(ProcessSource source) {
        int hash = source.origin().hashCode();
        for (ProcessSource.File file : source.files()) {
            hash = 31 * (31 * hash + file.path().hashCode()) + Arrays.hashCode(file.content());
        }
        return hash;
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
