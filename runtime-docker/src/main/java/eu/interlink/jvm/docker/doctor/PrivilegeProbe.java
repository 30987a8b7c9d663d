package eu.interlink.jvm.docker.doctor;

import eu.interlink.jvm.api.runtime.Diagnosis;
import eu.interlink.jvm.docker.engine.DockerMessages;
import eu.interlink.jvm.docker.engine.Engine;
import eu.interlink.jvm.docker.engine.Labels;
import eu.interlink.jvm.docker.sandbox.DindSecurity;
import eu.interlink.jvm.docker.sandbox.SandboxSecurity;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tries which {@link DindSecurity} mode the engine lets a sandbox start with, as a sandbox build would: starts a
 * throw-away container from the DIND image in each candidate mode ({@code dockerd --version}, so nothing runs for
 * long) and removes it. The engine refuses a mode when it starts the container, before the command runs.
 */
final class PrivilegeProbe {

    static final String NAME = "Sandbox privileges";
    private static final String PROBE_ROLE = "doctor-probe";

    private final Engine host;
    private final Path dataRootFolder;
    private final DindSecurity configured;
    private final SandboxSecurity security;

    /** @param dataRootFolder labels the probe container, as the runtime labels its sandboxes */
    PrivilegeProbe(Engine host, Path dataRootFolder, DindSecurity configured) {
        this.host = host;
        this.dataRootFolder = dataRootFolder;
        this.configured = configured;
        this.security = new SandboxSecurity(configured);
    }

    /** Tries the configured mode, or with {@code auto} privileged and then capabilities. */
    Diagnosis probe(String image) {
        List<DindSecurity> modes = security.candidates();
        String refusal = null;
        for (DindSecurity mode : modes) {
            try {
                start(image, mode);
                return refusal == null
                        ? Diagnosis.ok(NAME, "sandboxes start with DindSecurity " + name(mode))
                        : Diagnosis.warn(NAME, "this engine refuses --privileged (" + refusal
                                + "); sandboxes start with DindSecurity " + name(mode),
                                "nothing to do with DindSecurity auto; set it to capabilities to skip the first try");
            } catch (RuntimeException e) {
                refusal = DockerMessages.oneLine(e);
            }
        }
        return Diagnosis.fail(NAME, "the engine refuses DindSecurity " + modes.stream().map(PrivilegeProbe::name)
                        .toList() + ": " + refusal,
                configured == DindSecurity.PRIVILEGED
                        ? "set Docker.DindSecurity to auto or capabilities"
                        : "run the plugin as a user the engine lets start privileged containers, on a host whose"
                                + " capability bounding set is complete");
    }

    private void start(String image, DindSecurity mode) {
        String id = host.call("create the doctor's probe container", client -> client.createContainerCmd(image)
                .withLabels(Map.of(Labels.ROLE, PROBE_ROLE, Labels.DATA_ROOT, dataRootFolder.toString()))
                .withCmd("dockerd", "--version")
                .withHostConfig(security.hostConfig(mode, List.of()))
                .exec()).getId();
        try {
            host.call("start the doctor's probe container", client -> client.startContainerCmd(id).exec());
        } finally {
            host.call("remove the doctor's probe container",
                    client -> client.removeContainerCmd(id).withForce(true).exec());
        }
    }

    private static String name(DindSecurity mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
