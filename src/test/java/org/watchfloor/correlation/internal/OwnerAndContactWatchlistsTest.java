package org.watchfloor.correlation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchfloor.correlation.internal.RuleTestSupport.run;
import static org.watchfloor.correlation.internal.RuleTestSupport.settings;
import static org.watchfloor.correlation.internal.TestAlerts.T0;
import static org.watchfloor.correlation.internal.TestAlerts.ot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchfloor.alerts.IotDevice;
import org.watchfloor.alerts.SecurityAlert;
import org.watchfloor.alerts.Severity;
import org.watchfloor.incidents.WatchlistQueries.Owner;

/** The device-owners and sensor-contacts watchlists: read, checked, asked through WatchlistQueries, seen by rules. */
class OwnerAndContactWatchlistsTest {

    @TempDir
    Path scratch;

    private static ActiveRules rulesOf(Path dir) {
        RulesProperties properties = new RulesProperties(dir, Duration.ZERO);
        return new ActiveRules(new RuleSets(new RuleSetCompiler(RuleTestSupport.CLOCK), properties), properties,
                RuleTestSupport.CLOCK);
    }

    @Test
    void theProjectWatchlistsNameOwnersByDeviceAndSiteAndContactsBySensorAndSite() {
        WatchlistLookup lookup = new WatchlistLookup(rulesOf(RuleTestSupport.RULES));
        IotDevice plc = new IotDevice("60853", "plc-plant-lineb-01", "PLC", "PLC", "Siemens", "S7-1500",
                "4a:d6:bd:a3:40:1b", "10.10.2.11", "Plant Rotterdam", "Line B", "sensor-rtm-01", "High",
                "ProcessControl", List.of("ot-lineb@plant.example"), true, false, false, null);

        assertThat(lookup.ownersOf(plc)).containsExactly(
                new Owner("r.vandijk", "r.vandijk@plant.example"), new Owner("s.bakker", "ot-lineb@plant.example"));
        assertThat(lookup.ownersOf("plant rotterdam", null)).containsExactly(
                new Owner("r.vandijk", "r.vandijk@plant.example"));
        assertThat(lookup.ownersOf("Water Works North", "10.11.1.13")).containsExactly(
                new Owner("e.visser", "ot-scada@water.example"), new Owner(null, "ot-pumping@water.example"));
        assertThat(lookup.ownersOf("Nowhere", "10.11.1.13")).isEmpty();

        assertThat(lookup.contactsOf("sensor-rtm-01", "Plant Rotterdam")).containsExactly("soc-rotterdam@plant.example");
        assertThat(lookup.contactsOf("sensor-wwn-01", "Water Works North")).containsExactly("control-room@water.example");
        assertThat(lookup.contactsOf("sensor-ss12-01", "Substation 12"))
                .containsExactly("grid-operations@substation.example");
        assertThat(lookup.contactsOf("sensor-rtm-02", "Plant Rotterdam")).isEmpty();
    }

    @Test
    void answersFollowTheRulesInForceAfterAReload() throws Exception {
        RuleTestSupport.copy(RuleTestSupport.RULES, scratch);
        ActiveRules rules = rulesOf(scratch);
        WatchlistLookup lookup = new WatchlistLookup(rules);
        assertThat(lookup.contactsOf("sensor-rtm-01", "Plant Rotterdam")).containsExactly("soc-rotterdam@plant.example");

        Files.writeString(scratch.resolve(Watchlists.SENSOR_CONTACTS),
                "sensor,site,email\nsensor-rtm-01,,night-shift@plant.example\n,Plant Rotterdam,plant@plant.example\n");
        rules.reload();

        assertThat(lookup.contactsOf("sensor-rtm-01", "Plant Rotterdam"))
                .containsExactly("night-shift@plant.example", "plant@plant.example");
    }

    @Test
    void aBrokenOwnerOrContactRowIsReportedWithItsLine() throws Exception {
        RuleTestSupport.copy(RuleTestSupport.RULES, scratch);
        Files.writeString(scratch.resolve(Watchlists.DEVICE_OWNERS),
                "site,device,owner,email\nPlant Rotterdam,,r.vandijk,r.vandijk@plant.example\n,,k.smit,k@x.example\n"
                        + "Substation 12,,,\nSubstation 12,,k.smit,Klaas Smit\n");
        Files.writeString(scratch.resolve(Watchlists.SENSOR_CONTACTS), "sensor,site,email\nsensor-rtm-01,,\n");

        assertThatThrownBy(() -> new RuleSetCompiler(RuleTestSupport.CLOCK).compile(RuleSource.fromDirectory(scratch)))
                .isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).problems()).extracting(RuleProblem::toString)
                        .containsExactlyInAnyOrder(
                                "watchlists/device-owners.csv:3: name a site, a device or both",
                                "watchlists/device-owners.csv:4: name an owner (user id), an email or both",
                                "watchlists/device-owners.csv:5: not a mail address: Klaas Smit",
                                "watchlists/sensor-contacts.csv:2: not a mail address: "));
    }

    @Test
    void rulesSeeOwnersAndContactsAsFacts() throws Exception {
        RuleTestSupport.copy(RuleTestSupport.RULES, scratch);
        Files.writeString(scratch.resolve("correlation/owned.drl"), """
                package correlation
                import org.watchfloor.correlation.rules.*;
                rule "Tag: the device has an owner"
                when
                    $d : Decision( $a : alert )
                    DeviceOwner( !siteWide, owns($a) )
                then
                    $d.tag(drools, "owned");
                end
                rule "Tag: the sensor has a contact"
                when
                    $d : Decision( $a : alert )
                    SensorContact( covers($a) )
                then
                    $d.tag(drools, "contact");
                end
                """);
        Files.writeString(scratch.resolve(Watchlists.DEVICE_OWNERS),
                "site,device,owner,email\nPlant Rotterdam,10.0.0.2,m.jansen,\n");
        Files.writeString(scratch.resolve(Watchlists.SENSOR_CONTACTS),
                "sensor,site,email\nsensor-rtm-01,Plant Rotterdam,soc@plant.example\n");
        RuleSet rules = new RuleSetCompiler(RuleTestSupport.CLOCK).compile(RuleSource.fromDirectory(scratch));
        SecurityAlert owned = ot("ARP Spoofing", Severity.LOW, "10.0.0.1", "10.0.0.2", T0);
        SecurityAlert unowned = ot("Unauthorized SSH", Severity.LOW, "10.0.0.3", "10.0.0.4", T0.plusSeconds(60));

        var result = run(rules, settings(), owned, unowned);

        assertThat(result.incidentOf(owned).tags).contains("owned", "contact");
        assertThat(result.incidentOf(unowned).tags).contains("contact").doesNotContain("owned");
    }
}
