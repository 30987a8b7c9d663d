package eu.interlink.jvm.docker.volumes;

import java.util.List;

/** The permission bits of volume files, as Kubernetes' {@code defaultMode} and {@code mode} give them. */
final class FileModes {

    /** Kubernetes' default for ConfigMap, Secret and projected files: {@code 0644}. */
    static final int DEFAULT = 0644;

    private static final int MAX = 0777;

    private FileModes() {
    }

    /** The mode asked for, or {@code fallback} when none is; a mode out of range is a problem. */
    static int check(Integer mode, String where, int fallback, List<String> problems) {
        if (mode == null) {
            return fallback;
        }
        if (mode < 0 || mode > MAX) {
            problems.add(where + ": expected a file mode from 0 to 0777 (511), got " + mode);
            return fallback;
        }
        return mode;
    }
}
