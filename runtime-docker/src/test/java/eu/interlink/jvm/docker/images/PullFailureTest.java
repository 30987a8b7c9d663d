package eu.interlink.jvm.docker.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failed pulls let a local copy stand in under {@code Always}, from the messages dockerd gives (as
 * {@link Images#pull} reports them).
 */
class PullFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "the pull of 172.17.0.1:5000/team/app:1 failed: Head \"http://172.17.0.1:5000/v2/team/app/manifests/1\": "
                + "no basic auth credentials",
        "the pull of 172.17.0.1:5000/team/app:1 failed: Head \"http://172.17.0.1:5000/v2/team/app/manifests/1\": "
                + "unauthorized: authentication required",
        "the pull of team/private:latest failed: pull access denied for team/private, repository does not exist or "
                + "may require 'docker login': denied: requested access to the resource is denied",
        "the pull of ghcr.io/team/app:1 failed: Head \"https://ghcr.io/v2/team/app/manifests/1\": denied",
        "the pull of registry.example/app:1 failed: error parsing HTTP 403 response body: unexpected end of JSON "
                + "input: \"\"",
        "the pull of registry.example/app:1 failed: unexpected status code 403 Forbidden",
        "the pull of registry.example/app:1 failed: unexpected status from HEAD request to "
                + "https://registry.example/v2/app/manifests/1: 401 Unauthorized",
        "the pull of registry.example/app:1 failed: Status 401: Unauthorized",
        "the pull of registry.example/app:1 failed: Get \"https://auth.example/token?scope=repository%3Aapp%3Apull\": "
                + "unauthorized: incorrect username or password",
    })
    void aRegistryThatRefusesTheCredentialsRefuses(String message) {
        assertThat(PullFailure.of(message)).isEqualTo(PullFailure.REFUSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the pull of busybox:latest failed: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup "
                + "registry-1.docker.io on 10.255.255.53:53: no such host",
        "the pull of busybox:latest failed: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup "
                + "registry-1.docker.io: Temporary failure in name resolution",
        "the pull of busybox:latest failed: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup "
                + "registry-1.docker.io on 127.0.0.11:53: server misbehaving",
        "the pull of busybox:latest failed: Get \"https://registry-1.docker.io/v2/\": net/http: request canceled "
                + "while waiting for connection (Client.Timeout exceeded while awaiting headers)",
        "the pull of 172.17.0.1:5000/app:1 failed: Get \"http://172.17.0.1:5000/v2/\": dial tcp 172.17.0.1:5000: "
                + "connect: connection refused",
        "the pull of 10.0.0.9:5000/app:1 failed: Get \"https://10.0.0.9:5000/v2/\": dial tcp 10.0.0.9:5000: "
                + "i/o timeout",
        "the pull of 10.0.0.9:5000/app:1 failed: Get \"https://10.0.0.9:5000/v2/\": dial tcp 10.0.0.9:5000: "
                + "connect: no route to host",
        "the pull of [2001:db8::1]:5000/app:1 failed: Get \"https://[2001:db8::1]:5000/v2/\": dial tcp "
                + "[2001:db8::1]:5000: connect: network is unreachable",
        "the pull of registry.example/app:1 failed: Get \"https://registry.example/v2/\": net/http: TLS handshake "
                + "timeout",
        "the pull of registry.example/app:1 failed: Get \"https://registry.example/v2/\": context deadline exceeded",
        "the pull of registry.example/app:1 failed: read tcp 172.17.0.2:40000->10.0.0.9:443: read: connection reset "
                + "by peer",
        "tcp://172.17.0.5:2375: pull registry.example/app:1 got no answer within 300 s",
    })
    void aRegistryThatCannotBeReachedIsUnreachable(String message) {
        assertThat(PullFailure.of(message)).isEqualTo(PullFailure.UNREACHABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the pull of registry.example/app:nope failed: manifest for registry.example/app:nope not found: "
                + "manifest unknown: manifest unknown",
        "the pull of busybox:latest failed: toomanyrequests: You have reached your pull rate limit.",
        "the pull of localhost:5000/app:1 failed: Get \"https://localhost:5000/v2/\": http: server gave HTTP "
                + "response to HTTPS client",
    })
    void aRegistryThatAnsweredOtherwiseIsNeitherAndKeepsTheLastWord(String message) {
        assertThat(PullFailure.of(message)).isEqualTo(PullFailure.OTHER);
    }

    @Test
    void aRefusalWinsOverNetworkWordsInTheSameMessage() {
        assertThat(PullFailure.of("the pull of registry.example/app:1 failed: Get \"https://registry.example/token\": "
                + "unauthorized after dial tcp retry")).isEqualTo(PullFailure.REFUSED);
    }
}
