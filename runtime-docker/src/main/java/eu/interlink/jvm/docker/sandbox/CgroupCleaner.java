package eu.interlink.jvm.docker.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the cgroups a removed sandbox's inner engine left on the host.
 *
 * <p>With the host's cgroup hierarchy shared (cgroup v1, or {@code --cgroup-parent} outside a private cgroup
 * namespace), the inner engine creates {@code /<cgroup parent>/<container>} in every controller, and nobody removes
 * them when the sandbox is killed. Empty cgroups are removed with {@code rmdir}; a cgroup that still has processes
 * is left alone.
 */
final class CgroupCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(CgroupCleaner.class);

    private final Path hierarchy;

    /** @param hierarchy where the host's cgroups are mounted, normally {@code /sys/fs/cgroup} */
    CgroupCleaner(Path hierarchy) {
        this.hierarchy = hierarchy;
    }

    void remove(String cgroupParent) {
        for (Path cgroup : candidates(cgroupParent)) {
            if (Files.isDirectory(cgroup, LinkOption.NOFOLLOW_LINKS)) {
                removeTree(cgroup);
            }
        }
    }

    private List<Path> candidates(String cgroupParent) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(hierarchy.resolve(cgroupParent));
        if (Files.isDirectory(hierarchy)) {
            try (DirectoryStream<Path> controllers = Files.newDirectoryStream(hierarchy, Files::isDirectory)) {
                controllers.forEach(controller -> candidates.add(controller.resolve(cgroupParent)));
            } catch (IOException e) {
                LOG.debug("Cannot list {}: {}", hierarchy, e.toString());
            }
        }
        return candidates;
    }

    private static void removeTree(Path cgroup) {
        List<Path> directories;
        try (Stream<Path> tree = Files.walk(cgroup)) {
            directories = tree.filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot list cgroup {}: {}", cgroup, e.toString());
            return;
        }
        for (Path directory : directories) {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                LOG.debug("Cannot remove cgroup {}: {}", directory, e.toString());
            }
        }
    }
}
