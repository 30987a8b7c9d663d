package eu.interlink.jvm.host.conformance;

import static eu.interlink.jvm.host.conformance.CaseRun.exitCode;

import eu.interlink.jvm.api.wire.LogOptions;
import eu.interlink.jvm.api.wire.PodPhase;
import eu.interlink.jvm.host.conformance.RecordingListener.Observation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The built-in conformance cases, in the order they run. */
final class ConformanceCases {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String MAIN = "main";
    /** The readiness case's container runs 11 s, the last 6 of them ready: seen running for 8.5 s at most. */
    private static final Duration READY_AT_MOST = Duration.ofMillis(8_500);

    private ConformanceCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                new ConformanceCase("hello", "one container prints a line and succeeds", TIMEOUT,
                        ConformanceCases::hello),
                new ConformanceCase("shared-volume", "two containers share an emptyDir", TIMEOUT,
                        ConformanceCases::sharedVolume),
                new ConformanceCase("configmap-secret", "a ConfigMap and a Secret as variables and as files", TIMEOUT,
                        ConformanceCases::configMapAndSecret),
                new ConformanceCase("init-containers", "init containers run in order, before the main one", TIMEOUT,
                        ConformanceCases::initContainers),
                new ConformanceCase("exit-code", "a failing container's exit code fails the pod", TIMEOUT,
                        ConformanceCases::exitCodeOfFailure),
                new ConformanceCase("init-failure", "a failing init container fails the pod before it runs", TIMEOUT,
                        ConformanceCases::initFailure),
                new ConformanceCase("limits", "CPU and memory limits reach the container's cgroup", TIMEOUT,
                        ConformanceCases::limits),
                new ConformanceCase("readiness-probe", "a container is running only once its readiness probe passes",
                        TIMEOUT, ConformanceCases::readinessProbe),
                new ConformanceCase("liveness-probe", "a failing liveness probe kills the container", TIMEOUT,
                        ConformanceCases::livenessProbe),
                new ConformanceCase("logs", "log options: follow, tail, bytes, timestamps, since", TIMEOUT,
                        ConformanceCases::logs));
    }

    private static void hello(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        Expect.equal(run.followedLines(MAIN), List.of("hello from interLink"), "the followed log");
        Expect.equal(run.log(MAIN, LogOptions.DEFAULTS), "hello from interLink\n", "the log");
        Expect.equal(exitCode(run.container(MAIN)), 0, "the exit code");
    }

    private static void sharedVolume(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        Expect.equal(run.log("reader", LogOptions.DEFAULTS), "written by the writer\n", "the reader's log");
    }

    private static void configMapAndSecret(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        Expect.equal(run.followedLines(MAIN), List.of(
                "env greeting=hello password=s3cret prefixed=hello",
                "file app.conf=colour=blue",
                "file password=s3cret",
                "mode password=400"), "the log");
    }

    private static void initContainers(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        Expect.equal(exitCode(run.initContainer("first")), 0, "init container first's exit code");
        Expect.equal(exitCode(run.initContainer("second")), 0, "init container second's exit code");
        Expect.equal(run.followedLines(MAIN), List.of("first", "second", "main"), "the main container's log");
    }

    private static void exitCodeOfFailure(CaseRun run) {
        run.expectPhase(PodPhase.FAILED);
        Expect.equal(exitCode(run.container("fails")), 3, "container fails' exit code");
        Expect.equal(exitCode(run.container("succeeds")), 0, "container succeeds' exit code");
        Expect.equal(run.log("fails", LogOptions.DEFAULTS), "about to fail\n", "container fails' log");
    }

    private static void initFailure(CaseRun run) {
        run.expectPhase(PodPhase.FAILED);
        Expect.equal(exitCode(run.initContainer("setup")), 5, "init container setup's exit code");
        Expect.equal(run.result().exitCode(), 5, "the pod's exit code (its first failed container's)");
        Expect.that(run.observations().stream().noneMatch(seen -> CaseRun.running(seen.status(), MAIN)),
                "the main container ran although its init container failed");
        Expect.that(!run.linesSeen(MAIN).contains("main ran"),
                "the main container ran although its init container failed");
    }

    private static void limits(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        List<String> lines = run.followedLines(MAIN);
        Expect.equal(lines.size(), 2, "the number of lines the container printed " + lines);
        Expect.equal(lines.get(0), "memory 67108864", "the memory limit line (64Mi)");
        String[] cpu = lines.get(1).split(" ");
        Expect.that(cpu.length == 3 && cpu[1].matches("\\d+") && cpu[2].matches("\\d+"),
                "the CPU limit line is \"" + lines.get(1) + "\", expected \"cpu QUOTA PERIOD\"");
        Expect.equal(Double.parseDouble(cpu[1]) / Double.parseDouble(cpu[2]), 0.5, "the CPU limit (quota / period)");
    }

    private static void readinessProbe(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        List<Observation> seen = run.observations();
        Optional<Observation> firstRunning = seen.stream().filter(o -> CaseRun.running(o.status(), MAIN)).findFirst();
        Expect.that(firstRunning.isPresent(), "the container was never seen running");
        Expect.that(seen.stream().anyMatch(o -> o.status().containers().stream()
                        .anyMatch(c -> MAIN.equals(c.getName()) && Boolean.TRUE.equals(c.getReady()))),
                "the container was never seen ready");
        Observation ended = seen.get(seen.size() - 1);
        Duration running = Duration.between(firstRunning.get().at(), ended.at());
        Expect.that(running.compareTo(READY_AT_MOST) <= 0, "the container was reported running for "
                + running.toMillis() + " ms, from before its readiness probe passed (expected at most "
                + READY_AT_MOST.toMillis() + " ms: it is ready for its last 6 s only)");
    }

    private static void livenessProbe(CaseRun run) {
        run.expectPhase(PodPhase.FAILED);
        ContainerStatus main = run.container(MAIN);
        Expect.that(exitCode(main) != 0, "the container killed by its liveness probe exited with code 0");
    }

    private static void logs(CaseRun run) {
        run.expectPhase(PodPhase.SUCCEEDED);
        List<String> all = List.of("line 1", "line 2", "line 3", "line 4", "line 5");
        Expect.equal(run.followedLines(MAIN), all, "the followed log");
        Expect.equal(run.log(MAIN, options(2, 0, false, 0)), "line 4\nline 5\n", "the log with Tail 2");
        Expect.equal(run.log(MAIN, options(0, 7, false, 0)), "line 1\n", "the log with Bytes 7");
        Expect.equal(run.log(MAIN, options(0, 0, false, 3600)), String.join("\n", all) + "\n",
                "the log with SinceSeconds 3600");
        List<String> stamped = run.log(MAIN, options(0, 0, true, 0)).lines().toList();
        Expect.equal(stamped.size(), all.size(), "the number of lines with Timestamps " + stamped);
        for (int i = 0; i < all.size(); i++) {
            String line = stamped.get(i);
            int space = line.indexOf(' ');
            Expect.that(space > 0 && rfc3339(line.substring(0, space)) && line.substring(space + 1).equals(all.get(i)),
                    "the line \"" + line + "\" with Timestamps is not \"<RFC 3339 time> " + all.get(i) + "\"");
        }
    }

    private static LogOptions options(int tail, long bytes, boolean timestamps, long sinceSeconds) {
        return new LogOptions(tail, bytes, timestamps, false, false, sinceSeconds, null);
    }

    private static boolean rfc3339(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
