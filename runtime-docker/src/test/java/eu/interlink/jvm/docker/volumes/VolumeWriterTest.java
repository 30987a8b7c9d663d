package eu.interlink.jvm.docker.volumes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeWriterTest {

    @TempDir
    Path pod;

    private static final VolumePlan PLAN = new VolumePlan(
            List.of(new VolumeContent.Files("config", List.of(
                            new VolumeFile("app.conf", "lr=0.1\n".getBytes(UTF_8), 0644),
                            new VolumeFile("nested/dir/token", "secret".getBytes(UTF_8), 0400))),
                    new VolumeContent.EmptyDir("scratch")),
            Map.of("app", List.of(new MountSpec("config", "", "/etc/app", true),
                    new MountSpec("scratch", "work", "/work", false))));

    @Test
    void writesEachVolumeInItsOwnFolderWithTheModesAsked() throws IOException {
        Path root = pod.resolve("volumes");

        new VolumeWriter(root, null).write(PLAN);

        assertThat(root.resolve("config/app.conf")).hasContent("lr=0.1\n");
        assertThat(mode(root.resolve("config/app.conf"))).isEqualTo("rw-r--r--");
        assertThat(root.resolve("config/nested/dir/token")).hasContent("secret");
        assertThat(mode(root.resolve("config/nested/dir/token"))).isEqualTo("r--------");
        assertThat(root.resolve("scratch")).isEmptyDirectory();
        assertThat(mode(root.resolve("scratch"))).isEqualTo("rwxrwxrwx");
    }

    @Test
    void withAnFsGroupEveryFileAndFolderBelongsToTheGroupWhichMayReadThemAsKubeletMakesIt() throws IOException {
        Path root = pod.resolve("volumes");

        new VolumeWriter(root, 2000L).write(PLAN);

        Path token = root.resolve("config/nested/dir/token");
        assertThat(Files.getAttribute(token, "unix:gid")).isEqualTo(2000);
        assertThat(mode(token)).isEqualTo("r--r-----");
        assertThat(mode(root.resolve("config/app.conf"))).isEqualTo("rw-r--r--");
        assertThat((int) Files.getAttribute(root.resolve("config/nested"), "unix:mode") & 07777).isEqualTo(02755);
        assertThat(Files.getAttribute(root.resolve("scratch"), "unix:gid")).isEqualTo(2000);
        assertThat((int) Files.getAttribute(root.resolve("scratch"), "unix:mode") & 07777).isEqualTo(02777);
    }

    @Test
    void resolvesMountsToFoldersInsideTheVolumesAndMakesAMissingSubPath() throws IOException {
        Path root = pod.resolve("volumes");
        VolumeWriter writer = new VolumeWriter(root, null);
        writer.write(PLAN);

        List<ResolvedMount> mounts = writer.resolve(PLAN, "app");

        assertThat(mounts).containsExactly(
                new ResolvedMount(root.resolve("config").toRealPath().toString(), "/etc/app", true),
                new ResolvedMount(root.resolve("scratch/work").toRealPath().toString(), "/work", false));
        assertThat(root.resolve("scratch/work")).isDirectory();
    }

    @Test
    void refusesASubPathThatALinkPlantedInASharedFolderLeadsOutside() throws IOException {
        Path root = pod.resolve("volumes");
        VolumeWriter writer = new VolumeWriter(root, null);
        writer.write(PLAN);
        Files.createSymbolicLink(root.resolve("scratch/work"), Path.of("/etc"));

        assertThatThrownBy(() -> writer.resolve(PLAN, "app"))
                .isInstanceOf(IOException.class)
                .hasMessage("subPath 'work' of volume scratch leads out of the volume");
    }

    @Test
    void makesNoFolderOutsideTheVolumeForASubPathBelowAPlantedLink() throws IOException {
        Path root = pod.resolve("volumes");
        Path outside = Files.createDirectories(pod.resolve("outside"));
        VolumeWriter writer = new VolumeWriter(root, null);
        writer.write(PLAN);
        Files.createSymbolicLink(root.resolve("scratch/work"), outside);
        VolumePlan belowTheLink = new VolumePlan(PLAN.volumes(),
                Map.of("app", List.of(new MountSpec("scratch", "work/made", "/data", false))));

        assertThatThrownBy(() -> writer.resolve(belowTheLink, "app"))
                .isInstanceOf(IOException.class)
                .hasMessage("subPath 'work/made' of volume scratch leads out of the volume");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void neverWritesThroughALinkOrOutsideItsVolume() throws IOException {
        Path root = pod.resolve("volumes");
        Files.createDirectories(root.resolve("config"));
        Path outside = Files.writeString(pod.resolve("outside"), "untouched");
        Files.createSymbolicLink(root.resolve("config/app.conf"), outside);

        assertThatThrownBy(() -> new VolumeWriter(root, null).write(PLAN)).isInstanceOf(IOException.class);
        assertThat(outside).hasContent("untouched");

        VolumePlan escaping = new VolumePlan(List.of(new VolumeContent.Files("evil", List.of(
                new VolumeFile("../escaped", new byte[] {1}, 0644)))), Map.of());
        assertThatThrownBy(() -> new VolumeWriter(root, null).write(escaping)).hasMessageContaining("leads out of volume evil");
        assertThat(root.resolve("escaped")).doesNotExist();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
