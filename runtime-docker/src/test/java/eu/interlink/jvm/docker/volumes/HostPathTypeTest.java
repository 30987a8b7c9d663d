package eu.interlink.jvm.docker.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import eu.interlink.jvm.docker.security.PodPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathTypeTest {

    @TempDir
    Path host;

    @Test
    void theOrCreateTypesMakeWhatIsMissingWithKubeletsModes() throws IOException {
        Path folder = host.resolve("a/b");
        Path file = host.resolve("settings.conf");

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("dir", folder, "DirectoryOrCreate"), path -> List.of()))
                .isEmpty();
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("file", file, "FileOrCreate"), path -> List.of()))
                .isEmpty();

        assertThat(folder).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwxr-xr-x");
        assertThat(file).isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void theOtherTypesOnlyLookAndSayWhatIsWrongAsKubeletSaysIt() throws IOException {
        Path file = Files.writeString(host.resolve("f"), "x");

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", host.resolve("none"), "File"), path -> List.of()))
                .contains("MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: " + host.resolve("none")
                        + " is not a file");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", file, "Directory"), path -> List.of()))
                .contains("MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: " + file
                        + " is not a directory");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", file, "Socket"), path -> List.of()).orElseThrow())
                .endsWith(" is not a socket file");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", Path.of("/dev/null"), "CharDevice"),
                path -> List.of())).isEmpty();
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", Path.of("/dev/null"), "BlockDevice"),
                path -> List.of()).orElseThrow()).endsWith(" is not a block device");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", host.resolve("none"), ""), path -> List.of()))
                .isEmpty();
        assertThat(host.resolve("none")).doesNotExist();
    }

    @Test
    void aLinkMayNotLeadWhereTheOperatorDoesNotAllow() throws IOException {
        Path allowed = Files.createDirectories(host.resolve("allowed"));
        Path link = Files.createSymbolicLink(allowed.resolve("etc"), Path.of("/etc"));

        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(allowed), Path.of("/data"));

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", link, "Directory"), policy::hostPathRefusals))
                .contains("spec.volumes[v].hostPath.path: " + link + " leads to /etc: refused: /etc is in none of the"
                        + " operator's Docker.HostPathPrefixes (" + allowed + "); /etc cannot be mounted into a sandbox"
                        + " at the same path: it would cover the sandbox's own /etc");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", allowed, "Directory"), policy::hostPathRefusals))
                .isEmpty();
    }
}
