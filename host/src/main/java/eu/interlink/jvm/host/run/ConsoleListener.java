package eu.interlink.jvm.host.run;

import eu.interlink.jvm.api.wire.CreateResponse;
import eu.interlink.jvm.api.wire.PodStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a run on the console: each container's log line on {@code logs} as {@code name | line}, and on
 * {@code progress} each change of a container's state as {@code -> name: state} (one line for the containers that
 * changed alike), so that the logs can be piped on their own.
 */
public final class ConsoleListener implements RunListener {

    private final PrintStream logs;
    private final PrintStream progress;
    private Map<String, String> told = Map.of();

    public ConsoleListener(PrintStream logs, PrintStream progress) {
        this.logs = logs;
        this.progress = progress;
    }

    @Override
    public void created(CreateResponse response) {
        progress.println("-> created, id " + response.podJid());
    }

    @Override
    public synchronized void statusChanged(PodStatus status) {
        Map<String, String> now = ContainerLines.of(status);
        Map<String, List<String>> namesByLine = new LinkedHashMap<>();
        ContainerLines.changes(told, now).forEach((name, line) ->
                namesByLine.computeIfAbsent(line, key -> new ArrayList<>()).add(name));
        namesByLine.forEach((line, names) -> progress.println("-> " + String.join(", ", names) + ": " + line));
        told = now;
    }

    @Override
    public void statusFailed(String message) {
        progress.println("-> the status cannot be read, asking again: " + message);
    }

    @Override
    public void logLine(String container, String line) {
        synchronized (logs) {
            logs.println(container + " | " + line);
        }
    }

    @Override
    public void logFailed(String container, String message) {
        progress.println("-> " + container + ": its log cannot be followed: " + message);
    }
}
