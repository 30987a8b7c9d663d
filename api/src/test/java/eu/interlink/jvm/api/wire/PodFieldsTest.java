package eu.interlink.jvm.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodFieldsTest {

    private static final Pod POD = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u-1")
            .withLabels(Map.of("b", "2", "a", "1"))
            .withAnnotations(Map.of("text", "tab\there \"quoted\" back\\slash", "bell", "\u0007é✓", "empty", ""))
            .endMetadata().build();

    @Test
    void labelsAndAnnotationsAreKeyEqualsGoQuotedValueLinesSortedByKey() {
        assertThat(PodFields.metadata(POD, "metadata.labels")).contains("a=\"1\"\nb=\"2\"");
        assertThat(PodFields.metadata(POD, "metadata.annotations")).contains(
                "bell=\"\\aé✓\"\nempty=\"\"\ntext=\"tab\\there \\\"quoted\\\" back\\\\slash\"");
    }

    @Test
    void oneEntryIsItsValueUnquotedAndEmptyWhenAbsent() {
        assertThat(PodFields.metadata(POD, "metadata.labels['b']")).contains("2");
        assertThat(PodFields.metadata(POD, "metadata.annotations['missing']")).contains("");
        assertThat(PodFields.metadata(POD, "metadata.uid")).contains("u-1");
        assertThat(PodFields.metadata(POD, "status.podIP")).isEmpty();
    }
}
