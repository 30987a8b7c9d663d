package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.InterLinkClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * The fake accelerator of {@code src/fake-accelerator} ({@code example.com/fake-accel}, devices {@code fake0} and
 * {@code fake1}), as the tests give it to plugin processes and see it in their health ping.
 */
final class FakeAccelerator {

    static final String RESOURCE = "example.com/fake-accel";
    static final String PROVIDER = "eu.interlink.jvm.itests.fake.FakeAcceleratorProvider";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeAccelerator() {
    }

    /** Its jar, as the build made it. */
    static Path jar() {
        return PluginProcess.builtJar("fake.accelerator.jar",
                "target/interlink-jvm-itests-0.1.0-SNAPSHOT-fake-accelerator.jar");
    }

    /** The accelerators of the health ping ({@code resources.accelerators}). */
    static JsonNode acceleratorsInPing(InterLinkClient interLink) {
        HttpResponse<String> ping = interLink.call("GET", "/status", "[]");
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
        return json(ping).at("/resources/accelerators");
    }

    /** The ping's accelerators when {@code count} fake devices are free. */
    static JsonNode available(int count) {
        ArrayNode accelerators = JSON.createArrayNode();
        accelerators.addObject().put("resourceType", RESOURCE).put("available", String.valueOf(count));
        return accelerators;
    }
}
