package eu.interlink.jvm.host.testing;

/** JSON bodies as interLink sends them. */
public final class Pods {

    private Pods() {
    }

    /** A pod with one init container and one container. */
    public static String pod(String name, String uid) {
        return """
                {"metadata":{"name":"%s","namespace":"ns","uid":"%s"},
                 "spec":{"initContainers":[{"name":"init","image":"busybox"}],
                         "containers":[{"name":"main","image":"nginx"}]},
                 "status":{"phase":"Pending"}}""".formatted(name, uid);
    }

    /** A create request, as interLink 0.5 and later send it. */
    public static String createRequest(String name, String uid) {
        return """
                {"pod":%s,
                 "container":[{"name":"init","configMaps":null,"projectedvolumemaps":null,"secrets":null,"emptyDirs":null},
                              {"name":"main","configMaps":null,"projectedvolumemaps":null,"secrets":null,"emptyDirs":null}],
                 "jobConfig":{}}""".formatted(pod(name, uid));
    }

    /** A log request. */
    public static String logRequest(String uid, boolean follow) {
        return """
                {"Namespace":"ns","PodUID":"%s","PodName":"p","ContainerName":"main",
                 "Opts":{"Tail":0,"Bytes":0,"Timestamps":false,"Follow":%b,"Previous":false,
                         "SinceSeconds":0,"SinceTime":"0001-01-01T00:00:00Z"}}""".formatted(uid, follow);
    }
}
