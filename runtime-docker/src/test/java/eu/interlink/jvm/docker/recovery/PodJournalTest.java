package eu.interlink.jvm.docker.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodJournalTest {

    @TempDir
    Path dataRoot;

    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void holdsWhatCreateWasSentAndWhenInFilesOnlyTheOwnerReads() throws IOException {
        PodJournal journal = new PodJournal(dataRoot, new WireFormat());

        journal.accepted(new RetrievedPodData(pod("uid-1"), null), "sandbox-1", now);

        assertThat(new PodJournal(dataRoot, new WireFormat()).entries()).singleElement().satisfies(entry -> {
            assertThat(entry.accepted().sandboxId()).isEqualTo("sandbox-1");
            assertThat(entry.acceptedAt()).isEqualTo(now);
            assertThat(entry.accepted().data().pod()).isEqualTo(pod("uid-1"));
            assertThat(entry.deleted()).isEmpty();
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataRoot.resolve("pods"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataRoot.resolve("pods/uid-1.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDeleteIsHeldWithWhatIsLeftOfItsGracePeriodUntilThePodIsForgotten() {
        PodJournal journal = new PodJournal(dataRoot, new WireFormat());
        journal.accepted(new RetrievedPodData(pod("uid-1"), null), "sandbox-1", now);

        journal.deleted("uid-1", Duration.ofSeconds(30), now);

        PodJournal.Entry entry = journal.entries().get(0);
        assertThat(entry.deleted()).isPresent();
        assertThat(entry.graceLeft(now.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(entry.graceLeft(now.plusSeconds(40))).isEqualTo(Duration.ZERO);
        assertThat(entry.devicesReturned()).isFalse();
        assertThat(entry.failure()).isEmpty();
        journal.failed("uid-1", new PodJournal.Failure("CreatePodSandboxError", "host port 80 is taken"));
        assertThat(journal.entries().get(0).failure())
                .contains(new PodJournal.Failure("CreatePodSandboxError", "host port 80 is taken"));
        journal.devicesReturned("uid-1");
        assertThat(journal.entries().get(0).devicesReturned()).isTrue();
        journal.forget("uid-1");
        assertThat(journal.entries()).isEmpty();
        assertThat(dataRoot.resolve("pods")).isEmptyDirectory();
    }

    @Test
    void theDeleteOfAPodItNeverHeldLeavesNoFile() {
        PodJournal journal = new PodJournal(dataRoot, new WireFormat());

        journal.deleted("unknown", Duration.ofSeconds(30), now);

        assertThat(dataRoot.resolve("pods")).doesNotExist();
    }

    @Test
    void aFileThatCannotBeReadIsLeftWhereItIsTheOthersAreReadAndUnfinishedWritesGo() throws IOException {
        PodJournal journal = new PodJournal(dataRoot, new WireFormat());
        journal.accepted(new RetrievedPodData(pod("uid-1"), null), "sandbox-1", now);
        Files.writeString(dataRoot.resolve("pods/uid-2.json"), "{\"sandboxId\": \"sandbox-2\", \"data\": {\"po");
        Files.writeString(dataRoot.resolve("pods/uid-3.json4711.tmp"), "{\"sandboxId\": \"sandb");

        assertThat(journal.entries()).extracting(entry -> entry.accepted().sandboxId()).containsExactly("sandbox-1");
        assertThat(dataRoot.resolve("pods/uid-2.json")).exists();
        assertThat(journal.unreadable()).containsExactly("uid-2");
        assertThat(dataRoot.resolve("pods/uid-3.json4711.tmp")).doesNotExist();
    }

    @Test
    void aJournalThatCannotBeWrittenRefusesThePodSayingWhere() throws IOException {
        Files.writeString(dataRoot.resolve("pods"), "a file where the folder should be");
        PodJournal journal = new PodJournal(dataRoot, new WireFormat());

        assertThatThrownBy(() -> journal.accepted(new RetrievedPodData(pod("uid-1"), null), "sandbox-1", now))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(dataRoot.resolve("pods").toString());
    }

    private static Pod pod(String uid) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid(uid).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
    }
}
