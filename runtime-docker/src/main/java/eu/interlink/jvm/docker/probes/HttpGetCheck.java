package eu.interlink.jvm.docker.probes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends an HTTP GET and succeeds on a status from 200 to 399, as kubelet does, with kubelet's {@code User-Agent} and
 * {@code Accept} unless the spec's headers set them. Redirects are not followed: a 3xx answer already succeeds.
 */
final class HttpGetCheck implements Check {

    private final HttpClient client;
    private final URI uri;
    private final List<Map.Entry<String, String>> headers;

    HttpGetCheck(HttpClient client, URI uri, List<Map.Entry<String, String>> headers) {
        this.client = client;
        this.uri = uri;
        this.headers = List.copyOf(headers);
    }

    @Override
    public CheckResult run(Duration timeout) {
        String what = "httpGet " + uri;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (headers.stream().noneMatch(header -> header.getKey().equalsIgnoreCase("User-Agent"))) {
            request.header("User-Agent", "kube-probe/interlink-jvm");
        }
        if (headers.stream().noneMatch(header -> header.getKey().equalsIgnoreCase("Accept"))) {
            request.header("Accept", "*/*");
        }
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.discarding());
        try {
            int status = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 400 ? CheckResult.passed(what + " answered " + status)
                    : CheckResult.failed(what + " answered " + status);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return noAnswer(what, timeout);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return CheckResult.failed(what + " was interrupted");
        } catch (ExecutionException e) {
            // The request's own timeout and the wait above race: either may tell first.
            return e.getCause() instanceof HttpTimeoutException ? noAnswer(what, timeout)
                    : CheckResult.failed(what + " failed: " + e.getCause());
        }
    }

    private static CheckResult noAnswer(String what, Duration timeout) {
        return CheckResult.failed(what + " got no answer within " + timeout.toSeconds() + " s");
    }
}
