package eu.interlink.jvm.docker.volumes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.runtime.InvalidPodException;
import eu.interlink.jvm.docker.security.PodPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPathTypeTest {

    @TempDir
    Path temp;

    private Path host;

    @BeforeEach
    void useTheTempFolderWithoutLinks() throws IOException {
        host = temp.toRealPath();
    }

    private static Path prepare(Path path, String type) {
        return HostPathType.prepare(new VolumeContent.HostPath("v", path, type), where -> List.of());
    }

    @Test
    void theOrCreateTypesMakeWhatIsMissingWithKubeletsModes() throws IOException {
        Path folder = host.resolve("a/b");
        Path file = host.resolve("settings.conf");

        assertThat(prepare(folder, "DirectoryOrCreate")).isEqualTo(folder);
        assertThat(prepare(file, "FileOrCreate")).isEqualTo(file);

        assertThat(folder).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.resolve("a"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(file).isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void theOtherTypesOnlyLookAndSayWhatIsWrongAsKubeletSaysIt() throws IOException {
        Path file = Files.writeString(host.resolve("f"), "x");

        assertThatThrownBy(() -> prepare(host.resolve("none"), "File")).isInstanceOf(InvalidPodException.class)
                .hasMessage("MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: "
                        + host.resolve("none") + " is not a file");
        assertThatThrownBy(() -> prepare(file, "Directory"))
                .hasMessage("MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: " + file
                        + " is not a directory");
        assertThatThrownBy(() -> prepare(file, "Socket")).hasMessageEndingWith(" is not a socket file");
        assertThat(prepare(Path.of("/dev/null"), "CharDevice")).isEqualTo(Path.of("/dev/null"));
        assertThatThrownBy(() -> prepare(Path.of("/dev/null"), "BlockDevice"))
                .hasMessageEndingWith(" is not a block device");
        assertThatThrownBy(() -> prepare(host.resolve("no-folder/file"), "FileOrCreate"))
                .hasMessageEndingWith(" is not a file");
    }

    @Test
    void theEmptyTypeMakesNothingAndGivesWhereItsLinksLead() throws IOException {
        Path real = Files.createDirectories(host.resolve("real"));
        Path link = Files.createSymbolicLink(host.resolve("link"), real);

        assertThat(prepare(host.resolve("none"), "")).isEqualTo(host.resolve("none"));
        assertThat(prepare(link.resolve("missing/deeper"), "")).isEqualTo(real.resolve("missing/deeper"));

        assertThat(host.resolve("none")).doesNotExist();
        assertThat(real).isEmptyDirectory();
    }

    @Test
    void aLinkMayNotLeadWhereTheOperatorDoesNotAllow() throws IOException {
        Path allowed = Files.createDirectories(host.resolve("allowed"));
        Path link = Files.createSymbolicLink(allowed.resolve("etc"), Path.of("/etc"));
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(allowed), Path.of("/data"), null);

        assertThatThrownBy(() -> HostPathType.prepare(new VolumeContent.HostPath("v", link, "Directory"),
                policy::hostPathRefusals))
                .hasMessage("spec.volumes[v].hostPath.path: " + link + " resolves through a link to /etc: refused:"
                        + " /etc is in none of the operator's Docker.HostPathPrefixes (" + allowed + "); /etc cannot"
                        + " be mounted into a sandbox at the same path: it would cover the sandbox's own /etc");
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", allowed, "Directory"),
                policy::hostPathRefusals)).isEqualTo(allowed);
    }

    @Test
    void aLinkOutOfAnAllowedFolderIsRefusedBeforeAnythingIsMadeWhereItLeads() throws IOException {
        Path allowed = Files.createDirectories(host.resolve("allowed"));
        Path outside = Files.createDirectories(host.resolve("outside"));
        Files.createSymbolicLink(allowed.resolve("absolute"), outside);
        Files.createSymbolicLink(allowed.resolve("relative"), Path.of("../outside"));
        Files.createSymbolicLink(allowed.resolve("dangling"), outside.resolve("missing"));
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(allowed), Path.of("/data"), null);

        for (String type : List.of("", "DirectoryOrCreate", "FileOrCreate")) {
            for (String written : List.of("absolute/new", "relative/new", "dangling", "dangling/new")) {
                Path path = allowed.resolve(written);
                Path target = outside.resolve(written.replaceFirst("^(absolute|relative)/", "")
                        .replaceFirst("^dangling", "missing"));
                assertThatThrownBy(() -> HostPathType.prepare(new VolumeContent.HostPath("escape", path, type),
                        policy::hostPathRefusals))
                        .as("%s of type '%s'", written, type)
                        .isInstanceOf(InvalidPodException.class)
                        .hasMessageStartingWith("spec.volumes[escape].hostPath.path: " + path
                                + " resolves through a link to " + target + ": refused: " + target
                                + " is in none of the operator's Docker.HostPathPrefixes");
            }
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aLinkThatStaysInAnAllowedFolderIsFollowedAndWhatIsMissingIsMadeWhereItLeads() throws IOException {
        Path allowed = Files.createDirectories(host.resolve("allowed"));
        Path inside = Files.createDirectories(allowed.resolve("inside"));
        Path link = Files.createSymbolicLink(allowed.resolve("link"), Path.of("inside"));
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(allowed), Path.of("/data"), null);

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", link.resolve("made/deeper"),
                "DirectoryOrCreate"), policy::hostPathRefusals)).isEqualTo(inside.resolve("made/deeper"));
        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", link.resolve("made/file"), "FileOrCreate"),
                policy::hostPathRefusals)).isEqualTo(inside.resolve("made/file"));

        assertThat(inside.resolve("made/deeper")).isDirectory();
        assertThat(inside.resolve("made/file")).isEmptyFile();
    }

    @Test
    void anAllowedFolderThatIsItselfALinkAllowsWhereItLeads() throws IOException {
        Path real = Files.createDirectories(host.resolve("real"));
        Path allowed = Files.createSymbolicLink(host.resolve("allowed"), real);
        PodPolicy policy = new PodPolicy(false, Set.of(), true, List.of(allowed), Path.of("/data"), null);

        assertThat(HostPathType.prepare(new VolumeContent.HostPath("v", allowed.resolve("new"), "DirectoryOrCreate"),
                policy::hostPathRefusals)).isEqualTo(real.resolve("new"));
        assertThat(real.resolve("new")).isDirectory();
    }

    @Test
    void aLoopOfLinksFailsThePodAsTheKernelWould() throws IOException {
        Files.createSymbolicLink(host.resolve("one"), host.resolve("two"));
        Files.createSymbolicLink(host.resolve("two"), host.resolve("one"));

        assertThatThrownBy(() -> prepare(host.resolve("one/new"), "DirectoryOrCreate"))
                .hasMessageEndingWith("too many levels of symbolic links");
        assertThat(host).isDirectoryNotContaining(path -> path.endsWith("new"));
    }
}
