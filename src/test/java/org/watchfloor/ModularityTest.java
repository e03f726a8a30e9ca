package org.watchfloor;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(WatchfloorApplication.class);

    @Test
    void modulesTalkOnlyThroughEachOthersPublicApi() {
        modules.verify();
    }
}
