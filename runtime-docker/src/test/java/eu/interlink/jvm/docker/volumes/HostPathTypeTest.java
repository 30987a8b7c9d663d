package eu.interlink.jvm.docker.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathTypeTest {

    @TempDir
    Path host;

    @Test
    void theOrCreateTypesMakeWhatIsMissingWithKubeletsModes() throws IOException {
        Path folder = host.resolve("a/b");
        Path file = host.resolve("settings.conf");

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("dir", folder, "DirectoryOrCreate"), path -> true))
                .isEmpty();
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("file", file, "FileOrCreate"), path -> true))
                .isEmpty();

        assertThat(folder).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwxr-xr-x");
        assertThat(file).isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void theOtherTypesOnlyLookAndSayWhatIsWrongAsKubeletSaysIt() throws IOException {
        Path file = Files.writeString(host.resolve("f"), "x");

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", host.resolve("none"), "File"), path -> true))
                .contains("MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: " + host.resolve("none")
                        + " is not a file");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", file, "Directory"), path -> true))
                .contains("MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: " + file
                        + " is not a directory");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", file, "Socket"), path -> true).orElseThrow())
                .endsWith(" is not a socket file");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", Path.of("/dev/null"), "CharDevice"),
                path -> true)).isEmpty();
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", Path.of("/dev/null"), "BlockDevice"),
                path -> true).orElseThrow()).endsWith(" is not a block device");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", host.resolve("none"), ""), path -> true))
                .isEmpty();
        assertThat(host.resolve("none")).doesNotExist();
    }

    @Test
    void aLinkMayNotLeadWhereTheOperatorDoesNotAllow() throws IOException {
        Path allowed = Files.createDirectories(host.resolve("allowed"));
        Path link = Files.createSymbolicLink(allowed.resolve("etc"), Path.of("/etc"));

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", link, "Directory"),
                path -> path.startsWith(allowed))).contains("spec.volumes[v].hostPath.path: " + link + " leads to /etc,"
                        + " which the operator's Docker.HostPathPrefixes do not allow");
    }
}
