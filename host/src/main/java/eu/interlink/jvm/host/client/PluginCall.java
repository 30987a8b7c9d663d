package eu.interlink.jvm.host.client;

/** interLink's four calls to a plugin: how each is sent, and what its session ids are called. */
enum PluginCall {

    CREATE("POST", "/create", "create"),
    STATUS("GET", "/status", "status"),
    DELETE("POST", "/delete", "delete"),
    LOGS("GET", "/getLogs", "logs");

    private final String method;
    private final String path;
    private final String sessionName;

    PluginCall(String method, String path, String sessionName) {
        this.method = method;
        this.path = path;
        this.sessionName = sessionName;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** The {@code InterLink-Http-Session} id of the call numbered {@code number}, such as {@code CLI-create#1}. */
    String sessionId(long number) {
        return "CLI-" + sessionName + "#" + number;
    }

    /** Such as {@code POST /create}. */
    @Override
    public String toString() {
        return method + " " + path;
    }
}
