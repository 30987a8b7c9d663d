package eu.interlink.jvm.docker.sandbox;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import eu.interlink.jvm.docker.engine.DockerMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which {@link DindSecurity} mode a sandbox is started with, and what that mode means for its container.
 *
 * <p>With {@link DindSecurity#AUTO}, a build tries {@link DindSecurity#PRIVILEGED} first and
 * {@link DindSecurity#CAPABILITIES} when the engine refuses it; the first mode that starts a sandbox is kept for
 * every later build, and a fallback is logged once. Thread-safe.
 */
public final class SandboxSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxSecurity.class);
    private static final String CGROUPS = "/sys/fs/cgroup";

    private record Choice(DindSecurity mode, String refusal) {
    }

    private final DindSecurity configured;
    private final AtomicReference<Choice> chosen = new AtomicReference<>();

    public SandboxSecurity(DindSecurity configured) {
        this.configured = configured;
    }

    /** The modes to try, in order, for the next sandbox. */
    public List<DindSecurity> candidates() {
        if (configured != DindSecurity.AUTO) {
            return List.of(configured);
        }
        Choice known = chosen.get();
        return known != null ? List.of(known.mode()) : List.of(DindSecurity.PRIVILEGED, DindSecurity.CAPABILITIES);
    }

    /**
     * Records that {@code mode} started a sandbox.
     *
     * @param refusal why the modes tried before it failed, or null when it was the first
     */
    public void worked(DindSecurity mode, RuntimeException refusal) {
        Choice choice = new Choice(mode, refusal == null ? null : DockerMessages.oneLine(refusal));
        if (configured == DindSecurity.AUTO && chosen.compareAndSet(null, choice) && refusal != null) {
            LOG.warn("This Docker engine refuses privileged sandboxes ({}); using DindSecurity {} from now on",
                    choice.refusal(), name(mode));
        }
    }

    /**
     * How sandboxes run, in one line for {@code /readyz}, such as {@code sandboxes run with DindSecurity capabilities:
     * this engine refuses privileged (...)}.
     */
    public String describe() {
        if (configured != DindSecurity.AUTO) {
            return "sandboxes run with DindSecurity " + name(configured);
        }
        Choice known = chosen.get();
        if (known == null) {
            return "DindSecurity auto chooses with the first sandbox";
        }
        return "sandboxes run with DindSecurity " + name(known.mode())
                + (known.refusal() == null ? "" : ": this engine refuses privileged (" + known.refusal() + ")");
    }

    /** The sandbox container's host configuration in the given mode, with the sandbox's own binds. */
    public HostConfig hostConfig(DindSecurity mode, List<Bind> binds) {
        HostConfig config = mode == DindSecurity.CAPABILITIES ? new UnmaskedHostConfig() : HostConfig.newHostConfig();
        List<Bind> allBinds = new ArrayList<>(binds);
        switch (mode) {
            case PRIVILEGED -> config.withPrivileged(true);
            case CAPABILITIES -> {
                config.withCapAdd(Capability.ALL)
                        .withCapDrop(Capability.SYS_RESOURCE)
                        .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                        .withDeviceCgroupRules(List.of("a *:* rwm"))
                        .withTmpFs(Map.of("/run", ""));
                allBinds.add(new Bind(CGROUPS, new Volume(CGROUPS), AccessMode.rw));
            }
            case AUTO -> throw new IllegalArgumentException("AUTO is not a mode a sandbox can run in");
        }
        return config.withBinds(allBinds);
    }

    private static String name(DindSecurity mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
