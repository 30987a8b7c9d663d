import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The bench suite's timing client, run by the scripts in {@code bench/} as {@code java bench/BenchClient.java COMMAND
 * ...} (JDK 17's single-file source launch, no dependencies). Every figure is timed here with {@code System.nanoTime}
 * and one {@code java.net.http} client, free of the start-up of a curl process per sample. The Docker CLI timings do
 * include the CLI's own start-up: that is what {@code docker run -d} costs its user, and what the Go plugin pays per
 * call.
 *
 * <p>Figures go to standard output for people and, as {@code KEY VALUE} lines, to the file named by
 * {@code BENCH_FIGURES} for the scripts. Every pod this client creates is first written to the file named by
 * {@code BENCH_LEDGER}, so that {@code delete-all} (the scripts' clean-up) can delete it even after a failure.
 *
 * <pre>
 *   docker-run     RUNS IMAGE KEY                      RUNS sequential `docker run -d IMAGE` on the host engine
 *   save-load      RUNS IMAGE SOCKET KEY               `docker save IMAGE | docker -H unix://SOCKET load`
 *   create-latency URL RUNS IMAGE KEY                  one pod at a time: POST /create until /status says running
 *   create-all     URL PODS CONTAINERS IMAGE KEY       PODS pods created at once, until all run
 *   status-load    URL REQUESTS WARMUP KEY             /status for all live pods, and for one, REQUESTS times
 *   go-status      DATA_ROOT SAMPLES KEY               the Go plugin's status method on the live pods
 *   move-time      URL KEY                             the mean of the plugin's image moves, from /metrics
 *   startup        JAR CONFIG RUNS KEY                 JVM start to /healthz 200 and to /readyz 200
 *   delete-all     URL                                 deletes every pod of the ledger and empties it
 * </pre>
 */
public final class BenchClient {

    private BenchClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: java bench/BenchClient.java COMMAND ARGS... (see its Javadoc)");
        }
        Arguments a = new Arguments(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "docker-run" -> HostBaselines.dockerRun(a.count(3).number(0), a.text(1), a.text(2));
            case "save-load" -> HostBaselines.saveLoad(a.count(4).number(0), a.text(1), a.text(2), a.text(3));
            case "create-latency" -> CreateTimer.oneByOne(a.count(4).plugin(0), a.number(1), a.text(2), a.text(3));
            case "create-all" -> CreateTimer.allAtOnce(a.count(5).plugin(0), a.number(1), a.number(2), a.text(3),
                    a.text(4));
            case "status-load" -> StatusLoad.run(a.count(4).plugin(0), a.number(1), a.number(2), a.text(3));
            case "move-time" -> moveTime(a.count(2).plugin(0), a.text(1));
            case "go-status" -> GoStatusMethod.run(Path.of(a.count(3).text(0)), a.number(1), a.text(2));
            case "startup" -> StartupTimer.run(a.count(4).text(0), a.text(1), a.number(2), a.text(3));
            case "delete-all" -> System.exit(new Ledger().deleteAll(a.count(1).plugin(0)) ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Records the mean time of the image moves that succeeded, the move alone, as {@code KEY.move}. */
    private static void moveTime(PluginClient plugin, String key) {
        double millis = plugin.meanMillis("interlink_image_moves_seconds", "outcome=\"succeeded\"");
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms (mean of the moves, from /metrics)%n", "image move alone", millis);
        Figures.put(key + ".move", millis);
    }
}

/** A command's positional arguments. */
record Arguments(String[] values) {

    /** These arguments, once checked to be {@code count}. */
    Arguments count(int count) {
        if (values.length != count) {
            throw new IllegalArgumentException("expected " + count + " arguments, got " + Arrays.toString(values));
        }
        return this;
    }

    /** A client of the plugin whose base URL is this argument. */
    PluginClient plugin(int index) {
        return new PluginClient(values[index]);
    }

    String text(int index) {
        return values[index];
    }

    int number(int index) {
        return Integer.parseInt(values[index]);
    }
}

/** Appends {@code KEY VALUE} lines to the file {@code BENCH_FIGURES} names, for the scripts to read back. */
final class Figures {

    private Figures() {
    }

    static void put(String key, String value) {
        String file = System.getenv("BENCH_FIGURES");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), key + " " + value + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void put(String key, double value) {
        put(key, String.format(Locale.ROOT, "%.3f", value));
    }
}

/** Milliseconds measured for one case: its percentiles (nearest rank), printed and recorded as figures. */
record Series(String label, List<Double> millis) {

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    double percentile(double p) {
        List<Double> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /** Prints the median and p95 and every sample, and records {@code KEY.p50}, {@code KEY.p95}. */
    void report(String key) {
        System.out.printf(Locale.ROOT, "%-40s median %8.1f ms   p95 %8.1f ms   (%d runs: %s)%n", label,
                percentile(50), percentile(95), millis.size(),
                millis.stream().map(ms -> String.format(Locale.ROOT, "%.0f", ms)).collect(Collectors.joining(" ")));
        Figures.put(key + ".p50", percentile(50));
        Figures.put(key + ".p95", percentile(95));
    }
}

/** Runs a command without a shell, bounded in time; fails on a non-zero exit. */
final class Commands {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Commands() {
    }

    /** Runs the command and returns its standard output. */
    static String run(String... argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
            awaitExit(process, argv);
            return output.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code first | second}, and returns when both have ended. */
    static void pipe(List<String> first, List<String> second) {
        try {
            List<Process> processes = ProcessBuilder.startPipeline(List.of(new ProcessBuilder(first),
                    new ProcessBuilder(second).redirectOutput(ProcessBuilder.Redirect.DISCARD)));
            for (Process process : processes) {
                awaitExit(process, process == processes.get(0) ? first.toArray(String[]::new)
                        : second.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitExit(Process process, String... argv) {
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " took over " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited with " + process.exitValue());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

/** A pod this client creates: busybox-like containers {@code ctr-0}, {@code ctr-1}, ... that sleep for an hour. */
record BenchPod(String uid, int containers, String json) {

    static BenchPod of(String namePrefix, int containers, String image) {
        String uid = UUID.randomUUID().toString();
        String specs = IntStream.range(0, containers).mapToObj(i -> String.format(
                "{\"name\":\"%s\",\"image\":\"%s\",\"imagePullPolicy\":\"IfNotPresent\",\"command\":[\"sleep\",\"3600\"]}",
                containerName(i), image)).collect(Collectors.joining(","));
        String json = String.format("{\"metadata\":{\"name\":\"%s-%s\",\"namespace\":\"bench\",\"uid\":\"%s\"},"
                + "\"spec\":{\"restartPolicy\":\"Never\",\"terminationGracePeriodSeconds\":0,\"containers\":[%s]}}",
                namePrefix, uid.substring(0, 8), uid, specs);
        return new BenchPod(uid, containers, json);
    }

    static String containerName(int index) {
        return "ctr-" + index;
    }

    String createBody() {
        String names = IntStream.range(0, containers).mapToObj(i -> "{\"name\":\"" + containerName(i) + "\"}")
                .collect(Collectors.joining(","));
        return "{\"pod\":" + json + ",\"container\":[" + names + "]}";
    }

    static String statusBody(List<BenchPod> pods) {
        return pods.stream().map(BenchPod::json).collect(Collectors.joining(",", "[", "]"));
    }
}

/**
 * The pods created and not yet deleted, one {@code UID TAB CONTAINERS TAB JSON} line each in the file
 * {@code BENCH_LEDGER} names: written before each create, so that a clean-up finds every pod that might exist.
 */
final class Ledger {

    private final Path file = Path.of(System.getenv().getOrDefault("BENCH_LEDGER", "/dev/null"));

    synchronized void add(BenchPod pod) {
        write(pod.uid() + "\t" + pod.containers() + "\t" + pod.json() + "\n", StandardOpenOption.APPEND);
    }

    synchronized void remove(BenchPod pod) {
        write(live().stream().filter(other -> !other.uid().equals(pod.uid()))
                .map(other -> other.uid() + "\t" + other.containers() + "\t" + other.json() + "\n")
                .collect(Collectors.joining()), StandardOpenOption.TRUNCATE_EXISTING);
    }

    synchronized List<BenchPod> live() {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> line.split("\t", 3))
                    .map(parts -> new BenchPod(parts[0], Integer.parseInt(parts[1]), parts[2])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes every pod of the ledger (deletes are idempotent: a pod already gone is fine) and takes it off the
     * ledger; says how many, or which failed on standard error. Returns whether all were deleted.
     */
    boolean deleteAll(PluginClient plugin) {
        List<BenchPod> pods = live();
        List<String> failures = pods.parallelStream().map(pod -> {
            try {
                plugin.delete(pod);
                remove(pod);
                return null;
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }).filter(Objects::nonNull).toList();
        if (failures.isEmpty()) {
            System.out.println("deleted " + pods.size() + " bench pods");
        } else {
            System.err.println("could not delete " + failures.size() + " of " + pods.size() + " bench pods; the first"
                    + " failure: " + failures.get(0));
        }
        return failures.isEmpty();
    }

    private void write(String text, StandardOpenOption mode) {
        if (file.toString().equals("/dev/null")) {
            return;
        }
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

/** The plugin's HTTP API, over HTTP/1.1 as interLink speaks it; every call is bounded in time. */
final class PluginClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String RUNNING = "\"state\":{\"running\"";
    private static final String TERMINATED = "\"state\":{\"terminated\"";
    private static final Pattern DOCKER_CALLS = Pattern.compile("interlink_docker_calls_total(\\{[^}]*})? ");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    PluginClient(String base) {
        this.base = base;
    }

    /** The status code of a GET, or -1 when nothing answers. */
    int code(String path) {
        try {
            return http.send(request(path, "GET", "").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits until the path answers 200, checking every {@code everyMillis}. */
    void await(String path, long everyMillis, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (code(path) != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(base + path + " did not answer 200 within " + limit);
            }
            Thread.sleep(everyMillis);
        }
    }

    void create(BenchPod pod) {
        send("/create", "POST", pod.createBody());
    }

    void delete(BenchPod pod) {
        send("/delete", "POST", pod.json());
    }

    String status(String body) {
        return send("/status", "GET", body);
    }

    /** Whether every container of these pods runs; fails when one has ended, as none of them should. */
    boolean allRunning(List<BenchPod> pods) {
        String answer = status(BenchPod.statusBody(pods));
        if (answer.contains(TERMINATED)) {
            throw new IllegalStateException("a bench container ended: " + answer);
        }
        int running = answer.split(Pattern.quote(RUNNING), -1).length - 1;
        return running == pods.stream().mapToInt(BenchPod::containers).sum();
    }

    /** Waits until every container of these pods runs, checking every {@code everyMillis}. */
    void awaitRunning(List<BenchPod> pods, long everyMillis) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!allRunning(pods)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pods did not all run within 10 minutes");
            }
            Thread.sleep(everyMillis);
        }
    }

    /** The sum of {@code interlink_docker_calls_total} over its label sets, or empty while /metrics answers 404. */
    Optional<Double> dockerCalls() {
        HttpResponse<String> response = exchange("/metrics", "GET", "");
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        requireOk("/metrics", response);
        return Optional.of(response.body().lines()
                .filter(line -> DOCKER_CALLS.matcher(line).lookingAt())
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum());
    }

    /** The mean of a timer's samples with this label, in milliseconds, from its {@code _sum} and {@code _count}. */
    double meanMillis(String timer, String label) {
        HttpResponse<String> response = exchange("/metrics", "GET", "");
        requireOk("/metrics", response);
        List<String> lines = response.body().lines().filter(line -> line.contains(label)).toList();
        double sum = sample(lines, timer + "_sum");
        double count = sample(lines, timer + "_count");
        if (count == 0) {
            throw new IllegalStateException("/metrics has no " + timer + " sample with " + label);
        }
        return sum / count * 1000;
    }

    private static double sample(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Sends one request and returns its body; fails unless it answers 200. */
    String send(String path, String method, String body) {
        HttpResponse<String> response = exchange(path, method, body);
        requireOk(path, response);
        return response.body();
    }

    private HttpResponse<String> exchange(String path, String method, String body) {
        try {
            return http.send(request(path, method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void requireOk(String path, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    HttpRequest.Builder request(String path, String method, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
}

/** What the plugin is measured against on the host engine, through the Docker CLI. */
final class HostBaselines {

    private HostBaselines() {
    }

    /**
     * Runs {@code docker run -d} RUNS times, one after the other, then removes the containers (not timed). Records
     * each run's time ({@code KEY.p50}, {@code KEY.p95}) and the time until all ran ({@code KEY.total}).
     */
    static void dockerRun(int runs, String image, String key) {
        List<Double> millis = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long first = System.nanoTime();
        try {
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                ids.add(Commands.run("docker", "run", "-d", "--label", "eu.interlink.jvm.role=bench", "--label",
                        System.getenv().getOrDefault("BENCH_RUN_LABEL", "eu.interlink.jvm.bench-run"), image,
                        "sleep", "3600").strip());
                millis.add(Series.millisSince(start));
            }
            Figures.put(key + ".total", Series.millisSince(first));
        } finally {
            removeContainers(ids);
        }
        new Series("docker run -d (host engine)", millis).report(key);
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms for %d runs one after the other%n", "docker run -d, all",
                millis.stream().mapToDouble(Double::doubleValue).sum(), runs);
    }

    /**
     * Moves the image from the host engine into a sandbox's inner engine through the CLI, RUNS times, removing it
     * from the inner engine between runs (not timed).
     */
    static void saveLoad(int runs, String image, String socket, String key) {
        String inner = "unix://" + socket;
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Commands.pipe(List.of("docker", "save", image), List.of("docker", "-H", inner, "load"));
            millis.add(Series.millisSince(start));
            Commands.run("docker", "-H", inner, "rmi", image);
        }
        new Series("docker save | docker -H <sandbox> load", millis).report(key);
    }

    private static void removeContainers(List<String> ids) {
        if (!ids.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("docker", "rm", "-f"));
            argv.addAll(ids);
            Commands.run(argv.toArray(String[]::new));
        }
    }
}

/** Times pods from {@code POST /create} until {@code /status} says every container runs. */
final class CreateTimer {

    private CreateTimer() {
    }

    /** RUNS pods one after the other, each once the pool is full again ({@code /readyz} 200), then deleted. */
    static void oneByOne(PluginClient plugin, int runs, String image, String key) throws InterruptedException {
        Ledger ledger = new Ledger();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plugin.await("/readyz", 20, Duration.ofMinutes(2));
            BenchPod pod = BenchPod.of("latency", 1, image);
            ledger.add(pod);
            long start = System.nanoTime();
            plugin.create(pod);
            plugin.awaitRunning(List.of(pod), 2);
            millis.add(Series.millisSince(start));
            plugin.delete(pod);
            ledger.remove(pod);
        }
        new Series(key, millis).report(key);
    }

    /** PODS pods of CONTAINERS containers, created at once; records the time until all run as {@code KEY}. */
    static void allAtOnce(PluginClient plugin, int count, int containers, String image, String key)
            throws InterruptedException {
        Ledger ledger = new Ledger();
        List<BenchPod> pods = IntStream.range(0, count).mapToObj(i -> BenchPod.of("scale", containers, image))
                .toList();
        pods.forEach(ledger::add);
        long start = System.nanoTime();
        CompletableFuture.allOf(pods.stream().map(pod -> CompletableFuture.runAsync(() -> plugin.create(pod)))
                .toArray(CompletableFuture[]::new)).join();
        double accepted = Series.millisSince(start);
        plugin.awaitRunning(pods, 100);
        double allRunning = Series.millisSince(start);
        System.out.printf(Locale.ROOT, "%d pods x %d containers created at once: accepted in %.0f ms, all running"
                + " after %.0f ms%n", count, containers, accepted, allRunning);
        Figures.put(key, allRunning);
    }
}

/** Times {@code /status} for every live pod of the ledger in one request, and for one of them. */
final class StatusLoad {

    /**
     * Docker calls are counted in this many windows of the load: the plugin's background work (the reconcile inspects
     * every running container every 30 s) calls Docker meanwhile, and a window in which the count did not grow shows
     * that the status requests made none, as each would add at least one call per request.
     */
    private static final int CALL_WINDOWS = 10;

    private StatusLoad() {
    }

    static void run(PluginClient plugin, int requests, int warmup, String key) {
        List<BenchPod> pods = new Ledger().live();
        String all = BenchPod.statusBody(pods);
        String one = BenchPod.statusBody(pods.subList(0, 1));
        if (!plugin.allRunning(pods)) {
            throw new IllegalStateException("not every pod runs: the status load would time a pod still starting");
        }
        time(plugin, one, warmup);
        time(plugin, all, warmup);
        List<Double> allMillis = new ArrayList<>(requests);
        List<Double> callsPerWindow = new ArrayList<>();
        int window = Math.max(1, requests / CALL_WINDOWS);
        for (int done = 0; done < requests; done += window) {
            Optional<Double> before = plugin.dockerCalls();
            allMillis.addAll(time(plugin, all, Math.min(window, requests - done)));
            Optional<Double> after = plugin.dockerCalls();
            before.flatMap(calls -> after.map(later -> later - calls)).ifPresent(callsPerWindow::add);
        }
        List<Double> oneMillis = time(plugin, one, requests);
        report(key + ".all", pods.size() + " pods in one request", allMillis);
        report(key + ".one", "1 pod of " + pods.size(), oneMillis);
        String calls = callsPerWindow.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.3f",
                callsPerWindow.stream().mapToDouble(Double::doubleValue).min().orElseThrow() / window);
        double background = callsPerWindow.stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf(Locale.ROOT, "%-40s %s%n", "Docker calls per status request", calls.equals("n/a")
                ? "n/a (no /metrics)" : calls + " (the fewest in " + callsPerWindow.size() + " windows of " + window
                + " requests; " + String.format(Locale.ROOT, "%.0f", background)
                + " calls by the plugin's background work during the load, such as the 30 s reconcile)");
        Figures.put(key + ".calls", calls);
    }

    private static List<Double> time(PluginClient plugin, String body, int requests) {
        List<Double> millis = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            plugin.status(body);
            millis.add(Series.millisSince(start));
        }
        return millis;
    }

    private static void report(String key, String label, List<Double> millis) {
        Series series = new Series(label, millis);
        System.out.printf(Locale.ROOT, "/status, %-32s p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms   (%d requests)%n",
                label, series.percentile(50), series.percentile(99), series.percentile(100), millis.size());
        Figures.put(key + ".p50", series.percentile(50));
        Figures.put(key + ".p99", series.percentile(99));
    }
}

/**
 * The Go plugin's status method on the live pods of the ledger: per pod {@code docker inspect --format {{.Id}}
 * <sandbox>}, then per container {@code docker exec <sandbox> docker ps -af name=^<container>$ --format
 * {{.Status}}} (with {@code -H} naming our sandboxes' inner socket), one call after the other. A request for all pods
 * takes a minute at 200 pods, so SAMPLES pods are timed (chosen at random, with repeats when fewer live), and a
 * request's time is estimated by the bootstrap: the sum of as many per-pod times drawn from the samples as there are
 * live pods, 10,000 times, of which p50 and p99 are taken.
 */
final class GoStatusMethod {

    private static final String LABEL = "eu.interlink.jvm.";
    private static final int DRAWS = 10_000;

    private GoStatusMethod() {
    }

    static void run(Path dataRoot, int samples, String key) {
        List<BenchPod> pods = new Ledger().live();
        Map<String, String> sandboxOfPod = sandboxesOfPods(dataRoot);
        Random random = new Random(42);
        List<Double> perPod = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            BenchPod pod = pods.get(random.nextInt(pods.size()));
            String sandboxId = sandboxOfPod.get(pod.uid());
            if (sandboxId == null) {
                throw new IllegalStateException("no sandbox claimed for pod " + pod.uid());
            }
            perPod.add(timeOnePod(sandboxId, dataRoot, pod));
        }
        Series requests = new Series("Go method", bootstrap(perPod, pods.size(), random));
        Series sampled = new Series("per pod", perPod);
        System.out.printf(Locale.ROOT, "Go method, %-32s p50 %8.1f ms   p99 %8.1f ms   (per pod: p50 %.1f ms, p99 %.1f"
                + " ms, %d pods timed, 1 inspect + %d execs each)%n", pods.size() + " pods in one request",
                requests.percentile(50), requests.percentile(99), sampled.percentile(50), sampled.percentile(99),
                samples, pods.get(0).containers());
        Figures.put(key + ".go.p50", requests.percentile(50));
        Figures.put(key + ".go.p99", requests.percentile(99));
        Figures.put(key + ".go.calls", String.valueOf(1 + pods.get(0).containers()));
    }

    private static double timeOnePod(String sandboxId, Path dataRoot, BenchPod pod) {
        String sandbox = sandboxContainer(sandboxId, dataRoot);
        String inner = "unix://" + dataRoot.resolve("sandboxes").resolve(sandboxId).resolve("docker.sock");
        long start = System.nanoTime();
        Commands.run("docker", "inspect", "--format", "{{.Id}}", sandbox);
        for (int i = 0; i < pod.containers(); i++) {
            String state = Commands.run("docker", "exec", sandbox, "docker", "-H", inner, "ps", "-af",
                    "name=^" + BenchPod.containerName(i) + "$", "--format", "{{.Status}}");
            if (!state.startsWith("Up")) {
                throw new IllegalStateException("the Go method read '" + state.strip() + "' for a running container");
            }
        }
        return Series.millisSince(start);
    }

    private static List<Double> bootstrap(List<Double> perPod, int podsPerRequest, Random random) {
        return IntStream.range(0, DRAWS).mapToObj(draw -> IntStream.range(0, podsPerRequest)
                .mapToDouble(i -> perPod.get(random.nextInt(perPod.size()))).sum()).toList();
    }

    /** The sandbox claimed for each pod of this data root, from the labels of the claims. */
    private static Map<String, String> sandboxesOfPods(Path dataRoot) {
        Map<String, String> byPod = new HashMap<>();
        Commands.run("docker", "ps", "-a", "--filter", "label=" + LABEL + "role=pod-claim", "--filter",
                "label=" + LABEL + "data-root=" + dataRoot, "--format",
                "{{.Label \"" + LABEL + "pod-uid\"}} {{.Label \"" + LABEL + "sandbox-id\"}}")
                .lines().filter(line -> !line.isBlank()).map(line -> line.split(" "))
                .forEach(parts -> byPod.put(parts[0], parts[1]));
        return byPod;
    }

    /** The name of the sandbox's container, found by its labels as the claims name it. */
    private static String sandboxContainer(String sandboxId, Path dataRoot) {
        String name = Commands.run("docker", "ps", "--filter", "label=" + LABEL + "role=sandbox", "--filter",
                "label=" + LABEL + "sandbox-id=" + sandboxId, "--filter", "label=" + LABEL + "data-root=" + dataRoot,
                "--format", "{{.Names}}").strip();
        if (name.isEmpty()) {
            throw new IllegalStateException("no running sandbox " + sandboxId);
        }
        return name;
    }
}

/** Times the plugin's start: from starting its JVM to {@code /healthz} 200, and to {@code /readyz} 200. */
final class StartupTimer {

    private StartupTimer() {
    }

    static void run(String jar, String config, int runs, String key) throws IOException, InterruptedException {
        List<Double> healthy = new ArrayList<>();
        List<Double> ready = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int port = freePort();
            PluginClient plugin = new PluginClient("http://127.0.0.1:" + port);
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar)
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of(config).resolveSibling("startup-" + i + ".log").toFile());
            builder.environment().put("INTERLINKCONFIGPATH", config);
            builder.environment().put("SIDECARPORT", String.valueOf(port));
            long start = System.nanoTime();
            Process process = builder.start();
            Thread stopper = new Thread(process::destroy);
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                plugin.await("/healthz", 2, Duration.ofMinutes(1));
                healthy.add(Series.millisSince(start));
                plugin.await("/readyz", 5, Duration.ofMinutes(5));
                ready.add(Series.millisSince(start));
            } finally {
                stop(process);
                Runtime.getRuntime().removeShutdownHook(stopper);
            }
        }
        new Series("JVM start -> /healthz 200", healthy).report(key + ".healthz");
        new Series("JVM start -> /readyz 200", ready).report(key + ".readyz");
    }

    /** Stops the plugin as an operator would (SIGTERM), so that it removes its pool; forcibly if it hangs. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
