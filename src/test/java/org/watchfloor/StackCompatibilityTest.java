package org.watchfloor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.watchfloor.alerts.Severity;

/**
 * The libraries the later modules build on, working together on one class path: Drools compiles DRL text at run
 * time and JasperReports compiles report expressions, both with the pinned Eclipse compiler they share.
 */
class StackCompatibilityTest {

    @Test
    void droolsCompilesRuleTextAtRunTimeAndDecides() {
        String drl = """
                package org.watchfloor.smoke;
                import org.watchfloor.alerts.Severity;
                global java.util.List decisions;
                rule "high severity opens an incident"
                when
                    $s : Severity( this == Severity.HIGH )
                then
                    decisions.add("incident for " + $s.label());
                end
                """;
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem().write("src/main/resources/smoke/smoke.drl", drl);
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        KieContainer container = kie.newKieContainer(kie.getRepository().getDefaultReleaseId());

        List<String> decisions = new ArrayList<>();
        KieSession session = container.newKieSession();
        try {
            session.setGlobal("decisions", decisions);
            session.insert(Severity.HIGH);
            session.insert(Severity.LOW);
            session.fireAllRules();
        } finally {
            session.dispose();
        }

        assertThat(decisions).containsExactly("incident for High");
    }

    @Test
    void jasperReportsCompilesExpressionsAndExportsAPdf() throws Exception {
        String jrxml = """
                <jasperReport name="smoke" language="java"
                              pageWidth="595" pageHeight="842" columnWidth="555" leftMargin="20" rightMargin="20"
                              topMargin="20" bottomMargin="20">
                  <parameter name="site" class="java.lang.String"/>
                  <title height="40">
                    <element kind="textField" x="0" y="0" width="555" height="30">
                      <expression><![CDATA["Triage report for " + $P{site}.toUpperCase()]]></expression>
                    </element>
                  </title>
                </jasperReport>
                """;
        JasperReport report = JasperCompileManager.compileReport(
                new ByteArrayInputStream(jrxml.getBytes(StandardCharsets.UTF_8)));
        JasperPrint print = JasperFillManager.fillReport(report, new HashMap<>(Map.of("site", "Plant Rotterdam")),
                new JREmptyDataSource(1));

        byte[] pdf = JasperExportManager.exportReportToPdf(print);

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(print.getPages()).hasSize(1);
    }
}
