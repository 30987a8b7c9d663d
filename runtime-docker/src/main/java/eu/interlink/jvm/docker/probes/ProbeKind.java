package eu.interlink.jvm.docker.probes;

/** The three probes of a container, as kubelet names them in its messages. */
public enum ProbeKind {
    STARTUP("Startup"),
    LIVENESS("Liveness"),
    READINESS("Readiness");

    private final String label;

    ProbeKind(String label) {
        this.label = label;
    }

    /** How kubelet names the probe in a message: {@code Startup}, {@code Liveness}, {@code Readiness}. */
    public String label() {
        return label;
    }
}
