package eu.interlink.jvm.itests;

import static eu.interlink.jvm.itests.InterLinkClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** What the end-to-end tests read from the plugin's answers about a pod, and wait for. */
final class PodWaits {

    private PodWaits() {
    }

    /** The JID of a create that succeeded. */
    static String jidOf(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return json(created).get("PodJID").asText();
    }

    /** The pod's status entry once its first container is in this state ({@code running}, {@code waiting}, ...). */
    static JsonNode awaitState(InterLinkClient interLink, Pod pod, String jid, String state) {
        return awaitState(interLink, pod, jid, state, any -> true);
    }

    /** The pod's status entry once its first container is in this state and the state passes the check. */
    static JsonNode awaitState(InterLinkClient interLink, Pod pod, String jid, String state, Predicate<JsonNode> check) {
        String body = PodRequests.status(pod, jid);
        return await("pod " + pod.getMetadata().getName() + " " + state).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    HttpResponse<String> status = interLink.call("GET", "/status", body);
                    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
                    return json(status).get(0);
                }, entry -> {
                    JsonNode reached = entry.at("/containers/0/state/" + state);
                    return !reached.isMissingNode() && !reached.isNull() && check.test(reached);
                });
    }
}
