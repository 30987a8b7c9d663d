package eu.interlink.jvm.host.manifest;

/**
 * One place where a pod uses a ConfigMap or a Secret.
 *
 * @param kind     what is used
 * @param name     its name
 * @param optional whether the pod runs without it ({@code optional: true})
 * @param usedBy   the place, for messages: {@code volume "config"}, {@code env "PW" of container "main"}
 */
record ObjectUse(ObjectKind kind, String name, boolean optional, String usedBy) {
}
