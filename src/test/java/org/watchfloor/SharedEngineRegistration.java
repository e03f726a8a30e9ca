package org.watchfloor;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Camunda keeps one JVM-wide map of engines by name ({@link ProcessEngines}), where its REST API looks engines up. A
 * test that starts and closes an application of its own closes another engine named {@code default}, which takes
 * that name out of the map, and from then on {@code /engine-rest} of the shared context answers 404. Before each test
 * class this puts the engine of the class's context back in the map when it is missing or another took its place.
 */
public class SharedEngineRegistration extends AbstractTestExecutionListener {

    @Override
    public void beforeTestClass(TestContext testContext) {
        ProcessEngine engine = testContext.getApplicationContext().getBean(ProcessEngine.class);
        if (ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
            ProcessEngines.registerProcessEngine(engine);
        }
    }
}
