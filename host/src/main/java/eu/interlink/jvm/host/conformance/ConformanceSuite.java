package eu.interlink.jvm.host.conformance;

import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.host.manifest.CreateRequests;
import eu.interlink.jvm.host.manifest.Manifest;
import eu.interlink.jvm.host.manifest.ManifestReader;
import eu.interlink.jvm.host.run.InterruptOnStop;
import eu.interlink.jvm.host.run.PodBackend;
import eu.interlink.jvm.host.run.PodRun;
import eu.interlink.jvm.host.run.RunResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs conformance cases one after the other on a backend, through the interLink calls only, and prints
 * {@code PASS name} or {@code FAIL name: reason} for each, then {@code N passed, N failed}. Every case's pod is deleted
 * once checked, whatever its outcome; when the process is stopped (Ctrl-C), the current case's pod is deleted and the
 * cases after it are not run.
 */
public final class ConformanceSuite {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** How long a case's status may keep failing: shorter than a case, so that the failure is what it reports. */
    private static final Duration STATUS_PATIENCE = Duration.ofSeconds(30);
    /** How long a stopped process waits for the current case's pod to be deleted. */
    private static final Duration STOP_GRACE = Duration.ofMinutes(2);

    private final PodBackend backend;
    private final String image;
    private final PrintStream out;
    private boolean stopped;

    /**
     * @param backend the plugin under test
     * @param image   the image every container of the cases runs; it needs a busybox shell ({@code sh}, {@code cat},
     *                {@code stat}, {@code seq})
     * @param out     where the lines go
     */
    public ConformanceSuite(PodBackend backend, String image, PrintStream out) {
        this.backend = backend;
        this.image = image;
        this.out = out;
    }

    /** The names of the built-in cases, in the order they run. */
    public static List<String> caseNames() {
        return ConformanceCases.all().stream().map(ConformanceCase::name).toList();
    }

    /** The summary of each built-in case, as {@code name: what it checks}. */
    public static List<String> caseSummaries() {
        return ConformanceCases.all().stream().map(c -> c.name() + ": " + c.summary()).toList();
    }

    /**
     * Checks that each name is a built-in case's.
     *
     * @throws IllegalArgumentException naming those that are not, and the cases there are
     */
    public static void requireKnown(List<String> names) {
        List<String> unknown = names.stream().filter(name -> !caseNames().contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such case: " + String.join(", ", unknown) + "; the cases are "
                    + String.join(", ", caseNames()));
        }
    }

    /**
     * Runs the named cases, or all when none is named.
     *
     * @return the number of cases that failed or were not run
     * @throws IllegalArgumentException when a name is not a built-in case's
     */
    public int run(List<String> names) {
        requireKnown(names);
        List<ConformanceCase> cases = ConformanceCases.all().stream()
                .filter(c -> names.isEmpty() || names.contains(c.name())).toList();
        out.println("conformance of " + backend.description() + ": " + cases.size() + " cases, image " + image);
        int passed = 0;
        int failed = 0;
        for (ConformanceCase conformanceCase : cases) {
            if (passes(conformanceCase)) {
                passed++;
            } else {
                failed++;
            }
            if (stopped) {
                break;
            }
        }
        int notRun = cases.size() - passed - failed;
        out.println(passed + " passed, " + failed + " failed" + (notRun > 0 ? ", " + notRun + " not run (stopped)" : ""));
        return failed + notRun;
    }

    private boolean passes(ConformanceCase conformanceCase) {
        long start = System.nanoTime();
        RetrievedPodData request = CreateRequests.of(withImage(read(conformanceCase)));
        RecordingListener recording = new RecordingListener();
        PodRun podRun = new PodRun(backend, recording, POLL_INTERVAL, STATUS_PATIENCE);
        String failure = null;
        try (InterruptOnStop stop = InterruptOnStop.install(STOP_GRACE)) {
            try {
                failure = failureOf(conformanceCase, request, podRun, recording);
            } finally {
                stop.disarm();
                failure = deleted(podRun.knownPod(), failure);
            }
            stopped = stop.stopped();
            // Told before the stop is let go, for a stopping process exits then.
            String took = String.format(" (%.1f s)", (System.nanoTime() - start) / 1e9);
            out.println(failure == null ? "PASS " + conformanceCase.name() + took
                    : "FAIL " + conformanceCase.name() + took + ": " + failure);
            if (stopped) {
                out.println("stopped: the cases after " + conformanceCase.name() + " are not run");
            }
        }
        return failure == null;
    }

    /** Runs the case's pod and checks it; null when it passed, else why it did not. */
    private String failureOf(ConformanceCase conformanceCase, RetrievedPodData request, PodRun podRun,
            RecordingListener recording) {
        try {
            RunResult result = podRun.run(request, conformanceCase.timeout());
            WireChecks.verify(request.pod(), recording.created(), recording.observations());
            conformanceCase.check().verify(new CaseRun(result, recording, backend, podRun.knownPod()));
            return null;
        } catch (InterruptedException e) {
            return "stopped";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** Deletes the case's pod; a failed delete fails a case that had passed, and is added to a case that had not. */
    private String deleted(Pod pod, String failure) {
        try {
            backend.delete(pod);
            return failure;
        } catch (RuntimeException e) {
            String deleteFailure = "the pod's delete failed: " + e.getMessage();
            return failure == null ? deleteFailure : failure + "; " + deleteFailure;
        }
    }

    private static Manifest read(ConformanceCase conformanceCase) {
        try (InputStream in = ConformanceSuite.class.getResourceAsStream(conformanceCase.manifestResource())) {
            if (in == null) {
                throw new IllegalStateException("the manifest " + conformanceCase.manifestResource() + " is missing");
            }
            return new ManifestReader().read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    conformanceCase.manifestResource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest, freshly read for this run, with every container running the suite's image. */
    private Manifest withImage(Manifest manifest) {
        PodSpec spec = manifest.pod().getSpec();
        Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
                .forEach((Container container) -> container.setImage(image));
        return manifest;
    }
}
