package eu.interlink.jvm.docker.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Whatever a request puts in a {@code subPath} or an item's {@code path}, the path it resolves to lies inside its
 * volume's folder, or it is refused: before the pod starts ({@link ItemPath}) or when it is resolved (an
 * {@link IOException}). Nothing is ever made outside the volume, even through links a container planted in it.
 */
class VolumePathFuzzTest {

    private static final List<String> ELEMENTS = List.of("..", ".", "", "a", "b", "out", "up", "loop", "abs", "\0",
            "é", "日本", "~", " ", "..\0", "a\\..", "\uD800", "\n");

    private Path tree;
    private Path root;
    private Path outside;

    @BeforeTry
    void plantLinksInASharedEmptyDir() throws IOException {
        tree = Files.createTempDirectory("volume-fuzz");
        root = Files.createDirectories(tree.resolve("pod/volumes"));
        outside = Files.createDirectories(tree.resolve("outside"));
        Path scratch = Files.createDirectories(root.resolve("scratch"));
        Files.createSymbolicLink(scratch.resolve("out"), outside);
        Files.createSymbolicLink(scratch.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(scratch.resolve("loop"), Path.of("loop"));
        Files.createSymbolicLink(scratch.resolve("abs"), outside.toAbsolutePath());
    }

    @AfterTry
    void removeTheTree() throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 1000)
    void aSubPathResolvesInsideItsVolumeOrIsRefused(@ForAll("paths") String subPath) throws IOException {
        Set<Path> before = everythingOutsideTheVolume();
        VolumePlan plan = new VolumePlan(List.of(new VolumeContent.EmptyDir("scratch")),
                Map.of("app", List.of(new MountSpec("scratch", subPath, "/data", false))));
        VolumeWriter writer = new VolumeWriter(root, null);

        if (ItemPath.problem(subPath).isEmpty()) {
            try {
                Path source = Path.of(writer.resolve(plan, "app").get(0).source());
                assertThat(source).startsWith(root.resolve("scratch").toRealPath());
            } catch (IOException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
        assertThat(everythingOutsideTheVolume()).isEqualTo(before);
    }

    @Property(tries = 1000)
    void anItemIsWrittenInsideItsVolumeOrIsRefused(@ForAll("paths") String first, @ForAll("paths") String second)
            throws IOException {
        Set<Path> before = everythingOutsideTheVolume();
        List<VolumeFile> files = Stream.of(first, second).distinct().filter(path -> ItemPath.problem(path).isEmpty())
                .map(path -> new VolumeFile(path, path.getBytes(StandardCharsets.UTF_8), 0644)).toList();
        VolumePlan plan = new VolumePlan(List.of(new VolumeContent.Files("config", files)), Map.of());

        try {
            new VolumeWriter(root, null).write(plan);
            for (VolumeFile file : files) {
                Path written = root.resolve("config").resolve(file.path()).toRealPath();
                assertThat(written).startsWith(root.resolve("config").toRealPath());
            }
        } catch (IOException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
        assertThat(everythingOutsideTheVolume()).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> elements = Arbitraries.of(ELEMENTS).list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> String.join("/", parts));
        Arbitrary<String> absolute = elements.map(path -> "/" + path);
        return Arbitraries.oneOf(elements, elements, absolute, Arbitraries.strings().ofMaxLength(12));
    }

    private Set<Path> everythingOutsideTheVolume() {
        try (Stream<Path> paths = Files.walk(tree)) {
            return paths.filter(path -> !path.startsWith(root.resolve("scratch")) && !path.startsWith(root.resolve("config")))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
