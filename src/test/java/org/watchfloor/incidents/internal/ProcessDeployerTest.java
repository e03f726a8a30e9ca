package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.watchfloor.WatchfloorTest;

/** A processes folder as a SOC lead edits it: a changed file deploys a new version, running instances keep theirs. */
@WatchfloorTest
class ProcessDeployerTest {

    private static final String KEY = "deployer-check";

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;

    private static String process(String taskName) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="https://watchfloor.org/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
                    <bpmn:userTask id="work" name="%s" />
                    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
                    <bpmn:endEvent id="end" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(KEY, taskName);
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult();
    }

    @Test
    void aChangedFileDeploysANewVersionAndABrokenOneKeepsTheRunningVersion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("check.bpmn"), process("First wording"));
        ProcessDeployer deployer = new ProcessDeployer(repository, new ProcessesProperties(dir, Duration.ZERO));
        deployer.deployIfChanged();
        ProcessDefinition first = latest();
        ProcessInstance running = runtime.startProcessInstanceByKey(KEY);

        deployer.deployIfChanged();
        assertThat(latest().getVersion()).as("an unchanged folder deploys nothing").isEqualTo(first.getVersion());

        Files.writeString(dir.resolve("check.bpmn"), process("Second wording"));
        deployer.deployIfChanged();
        assertThat(latest().getVersion()).isEqualTo(first.getVersion() + 1);
        assertThat(running.getProcessDefinitionId()).isEqualTo(first.getId());
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(first.getId());

        Files.writeString(dir.resolve("check.bpmn"), "<bpmn:definitions broken");
        deployer.deployIfChanged();
        assertThat(latest().getVersion()).as("a broken file keeps the versions in force")
                .isEqualTo(first.getVersion() + 1);
        runtime.deleteProcessInstance(running.getId(), "test done");
    }

    @Test
    void theServerStartRefusesAProcessCamundaCannotParse(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.bpmn"), process("x").replace("<bpmn:endEvent id=\"end\" />", ""));
        ProcessDeployer deployer = new ProcessDeployer(repository, new ProcessesProperties(dir, Duration.ZERO));

        assertThatThrownBy(deployer::afterSingletonsInstantiated).hasMessageContaining("broken.bpmn");
    }
}
