package eu.interlink.jvm.host.manifest;

/** The kinds of object a pod takes data from. */
enum ObjectKind {

    CONFIG_MAP("ConfigMap"),
    SECRET("Secret");

    private final String kindName;

    ObjectKind(String kindName) {
        this.kindName = kindName;
    }

    /** The Kubernetes kind, {@code ConfigMap} or {@code Secret}. */
    @Override
    public String toString() {
        return kindName;
    }
}
