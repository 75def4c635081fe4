package io.sam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam4j.core.sam.SamMethod;
import io.sam4j.core.sam.SamMethods;
import io.sam4j.core.sam.SamParameter;
import io.sam4j.report.model.SamMethodKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report reads runs without the core on its class path and keeps its own copy of the method names
 * and parameter keys; this is where both are at hand, so the copy is checked against the catalog here.
 */
class ReportMethodKeysTest {

    @Test
    void theReportKnowsEveryCatalogMethodWithItsParametersInOrder() {
        Map<String, List<String>> catalog = new LinkedHashMap<>();
        for (SamMethod method : SamMethods.all()) {
            catalog.put(
                    method.name(),
                    method.parameters().stream().map(SamParameter::name).toList());
        }
        assertThat(SamMethodKeys.PARAMETERS).containsExactlyEntriesOf(catalog);
    }
}
