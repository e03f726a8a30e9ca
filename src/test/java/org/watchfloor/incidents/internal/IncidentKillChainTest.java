package org.watchfloor.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tactics read from first foothold to impact, whichever matrix they come from. */
class IncidentKillChainTest {

    @Test
    void icsTacticsFollowTheIcsKillChain() {
        assertThat(KillChain.order(List.of("Impact", "ImpairProcessControl", "InhibitResponseFunction",
                "CommandAndControl", "Collection", "LateralMovement", "Discovery", "Evasion", "PrivilegeEscalation",
                "Persistence", "Execution", "InitialAccess")))
                .containsExactly("InitialAccess", "Execution", "Persistence", "PrivilegeEscalation", "Evasion",
                        "Discovery", "LateralMovement", "Collection", "CommandAndControl", "InhibitResponseFunction",
                        "ImpairProcessControl", "Impact");
    }

    @Test
    void enterpriseTacticsSlotInAtTheirAttackPosition() {
        assertThat(KillChain.order(List.of("Exfiltration", "InhibitResponseFunction", "CredentialAccess",
                "DefenseEvasion", "Discovery", "Execution")))
                .containsExactly("Execution", "DefenseEvasion", "CredentialAccess", "Discovery", "Exfiltration",
                        "InhibitResponseFunction");
    }

    @Test
    void unknownNamesGoLastInOrderOfAppearanceAndRepeatsCountOnce() {
        assertThat(KillChain.order(List.of("Zeta", "Impact", "Alpha", "Execution", "Zeta", "Impact", " ")))
                .containsExactly("Execution", "Impact", "Zeta", "Alpha");
    }

    @Test
    void spellingsWithSpacesOrOtherCaseAreTheSameTacticKeptAsFirstWritten() {
        assertThat(KillChain.order(List.of("Inhibit Response Function", "initial access", "InitialAccess")))
                .containsExactly("initial access", "Inhibit Response Function");
    }
}
