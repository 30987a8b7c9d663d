package eu.interlink.jvm.docker.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.interlink.jvm.api.wire.RetrievedPodData;
import eu.interlink.jvm.api.wire.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restarted runtime needs to know of each pod that Docker's objects cannot tell it, kept in files under
 * {@code <DataRootFolder>/pods/} (a 0700 folder; each file 0600, as a pod's ConfigMaps and Secrets are in it):
 * {@code <uid>.json}, written when the pod is accepted, holds what create was sent, the pod's sandbox id and when it
 * was accepted; {@code <uid>.deleted.json}, written when the pod is deleted, holds when and its grace period. Both go
 * once the pod's removal is done. Each file is written whole to a temporary file, then moved in place, so a crash never
 * leaves half a file.
 *
 * <p>Docker's labels cannot hold this: labels never change once an object is made, and Secrets must not show in
 * {@code docker inspect}. The rest of a pod's state (its sandbox, its containers' runs and restart counts) is read
 * back from the labels of Docker objects ({@link PodRecovery}). Thread-safe.
 */
public final class PodJournal {

    private static final Logger LOG = LoggerFactory.getLogger(PodJournal.class);
    private static final String ACCEPTED = ".json";
    private static final String DELETED = ".deleted.json";
    private static final String DEVICES_RETURNED = ".devices-returned";
    private static final String FAILED = ".failed.json";
    private static final String TEMPORARY = ".tmp";

    /**
     * What create was sent for a pod, and what it answered.
     *
     * @param sandboxId  the pod's sandbox id, also its JID
     * @param acceptedAt when the pod was accepted, in milliseconds since the epoch
     * @param data       what create was sent
     */
    record Accepted(String sandboxId, long acceptedAt, RetrievedPodData data) {
    }

    /**
     * That a pod was deleted.
     *
     * @param deletedAt    when, in milliseconds since the epoch
     * @param graceSeconds the grace period its delete gave it
     */
    record Deleted(long deletedAt, long graceSeconds) {
    }

    /**
     * A pod as the journal knows it.
     *
     * @param accepted what create was sent for it
     * @param deleted  that it was deleted, while its removal had not ended; empty while it lives
     * @param devicesReturned whether it ended and gave its devices back
     * @param failure  why it failed before any of its containers was made; empty when it did not
     */
    public record Entry(Accepted accepted, Optional<Deleted> deleted, boolean devicesReturned,
            Optional<Failure> failure) {

        /** When the pod was accepted. */
        public Instant acceptedAt() {
            return Instant.ofEpochMilli(accepted.acceptedAt());
        }

        /** The grace period of its delete that was left at this instant; zero once spent. */
        Duration graceLeft(Instant now) {
            Deleted deletion = deleted.orElseThrow();
            Duration left = Duration.ofSeconds(deletion.graceSeconds())
                    .minus(Duration.between(Instant.ofEpochMilli(deletion.deletedAt()), now));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private final Path folder;
    private final ObjectMapper mapper;

    /** @param dataRootFolder the runtime's {@code DataRootFolder}; the journal lives in its {@code pods} folder */
    public PodJournal(Path dataRootFolder, WireFormat wire) {
        this.folder = dataRootFolder.resolve("pods");
        this.mapper = wire.mapper();
    }

    /**
     * Records that a pod was accepted.
     *
     * @throws UncheckedIOException when it cannot be written: the pod must not be accepted then
     */
    public void accepted(RetrievedPodData data, String sandboxId, Instant at) {
        write(data.podUid() + ACCEPTED, new Accepted(sandboxId, at.toEpochMilli(), data));
    }

    /** Records that a pod was deleted; one the journal does not hold is not recorded. */
    public void deleted(String uid, Duration grace, Instant at) {
        if (Files.exists(folder.resolve(uid + ACCEPTED))) {
            write(uid + DELETED, new Deleted(at.toEpochMilli(), grace.toSeconds()));
        }
    }

    /**
     * Records that a pod that ended gave its devices back, so that a restarted runtime does not give it again the
     * devices its claim records, which other pods may hold by then.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public void devicesReturned(String uid) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(uid + DEVICES_RETURNED), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pod journal in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why a pod failed before any of its containers was made, which nothing on Docker's objects tells.
     *
     * @param reason  the reason of its containers, such as {@code CreatePodSandboxError}
     * @param message what went wrong
     */
    public record Failure(String reason, String message) {
    }

    /**
     * Records that a pod failed before any of its containers was made, so that a restarted runtime reports it
     * failed rather than starting it again.
     *
     * @throws UncheckedIOException when it cannot be written
     */
    public void failed(String uid, Failure failure) {
        write(uid + FAILED, failure);
    }

    /** Forgets a pod whose removal is done. */
    public void forget(String uid) {
        try {
            Files.deleteIfExists(folder.resolve(uid + FAILED));
            Files.deleteIfExists(folder.resolve(uid + DEVICES_RETURNED));
            Files.deleteIfExists(folder.resolve(uid + DELETED));
            Files.deleteIfExists(folder.resolve(uid + ACCEPTED));
        } catch (IOException e) {
            LOG.warn("Could not forget pod {} in {}: {}", uid, folder, e.getMessage());
        }
    }

    /**
     * Every pod it holds; a file that cannot be read is logged and left where it is ({@link #unreadable}). Removes the
     * temporary files of writes that a crash cut short.
     */
    public List<Entry> entries() {
        removeUnfinishedWrites();
        List<Entry> entries = new ArrayList<>();
        readAll().forEach((uid, entry) -> {
            if (entry.isPresent()) {
                entries.add(entry.get());
            } else {
                LOG.error("The pod journal's file of pod {} in {} cannot be read, so the pod is not taken over; its"
                        + " sandbox is kept for its delete", uid, folder);
            }
        });
        return entries;
    }

    /** The UIDs of the pods whose files cannot be read. */
    public List<String> unreadable() {
        List<String> uids = new ArrayList<>();
        readAll().forEach((uid, entry) -> {
            if (entry.isEmpty()) {
                uids.add(uid);
            }
        });
        return uids;
    }

    /** Each pod's entry by UID, empty when its files cannot be read. */
    private Map<String, Optional<Entry>> readAll() {
        Map<String, Optional<Entry>> entries = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + ACCEPTED)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.endsWith(DELETED) && !name.endsWith(FAILED)) {
                    String uid = name.substring(0, name.length() - ACCEPTED.length());
                    entries.put(uid, read(file, uid));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the pod journal in " + folder, e);
        }
        return entries;
    }

    private Optional<Entry> read(Path file, String uid) {
        try {
            Accepted accepted = mapper.readValue(file.toFile(), Accepted.class);
            Path deletion = folder.resolve(uid + DELETED);
            Optional<Deleted> deleted = Files.exists(deletion)
                    ? Optional.of(mapper.readValue(deletion.toFile(), Deleted.class)) : Optional.empty();
            Path failedFile = folder.resolve(uid + FAILED);
            Optional<Failure> failure = Files.exists(failedFile)
                    ? Optional.of(mapper.readValue(failedFile.toFile(), Failure.class)) : Optional.empty();
            return Optional.of(new Entry(accepted, deleted, Files.exists(folder.resolve(uid + DEVICES_RETURNED)),
                    failure));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void removeUnfinishedWrites() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> unfinished = Files.newDirectoryStream(folder, "*" + TEMPORARY)) {
            for (Path file : unfinished) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the unfinished writes in the pod journal {}: {}", folder, e.getMessage());
        }
    }

    private void write(String name, Object value) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            Path temporary = Files.createTempFile(folder, name, TEMPORARY,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temporary, mapper.writeValueAsBytes(value));
                Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("cannot write the pod journal in " + folder + ": " + e.getFile()
                    + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pod journal in " + folder + ": " + e.getMessage(), e);
        }
    }
}
