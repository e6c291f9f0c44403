package org.bikeguard.tracker.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key file on disk ({@code BIKEGUARD_KEYS_FILE}): read, written whole (a temporary file of
 * mode 600 beside it, synced, then renamed over it, so a reader sees the old or the new file,
 * never half of one), and locked ({@link #locked}) so that processes on one host, and threads of
 * one JVM, that would create or change it do so one at a time. Blocking file I/O. Thread-safe.
 */
public final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    /** File locks belong to the JVM: threads of one JVM take this lock first. */
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path path;

    public KeyFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    /** The file's absolute path. */
    public Path path() {
        return path;
    }

    /** Whether the file exists. */
    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * The file's content, when it exists. Warns when anyone may read it (group read is left
     * alone: a Kubernetes Secret reaches a pod that way).
     *
     * @throws IllegalArgumentException when the content is not a valid key file
     * @throws IllegalStateException    when the file exists but cannot be read
     */
    public Optional<Keys> read() {
        Optional<String> text = readText();
        text.ifPresent(t -> warnIfAnyoneMayRead());
        return text.map(t -> Keys.fromJson(t, path.toString()));
    }

    /** The file's raw text, when it exists (to tell whether it changed). */
    public Optional<String> readText() {
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the key file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the file with {@code keys}, mode 600 (the directory is created, mode 700, when
     * missing). Call inside {@link #locked} when another process may write it too.
     *
     * @throws IllegalStateException when it cannot be written
     */
    public void write(Keys keys) {
        Path dir = path.getParent();
        Path tmp = dir.resolve("." + path.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            createDirectories(dir);
            try (FileChannel ch = FileChannel.open(
                    tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
                ByteBuffer b = ByteBuffer.wrap(keys.toJson().getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            restrict(tmp);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the key file " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                LOG.warn("cannot remove a temporary key file [file: {}]: {}", tmp, e.getMessage());
            }
        }
    }

    /**
     * Runs {@code work} holding this file's lock: a lock of the JVM, then an exclusive lock on
     * {@code <file>.lock} beside it (mode 600), so that two members starting at once on one host
     * agree on one key file. Waits for the holder without a time limit. Where the lock file cannot
     * be created because the directory is read-only (a Kubernetes Secret) and the key file exists,
     * nobody can write the file either: the work runs under the JVM's lock alone.
     *
     * @throws IllegalStateException when the lock file cannot be opened; what {@code work} threw
     *                               (checked exceptions wrapped)
     */
    public <T> T locked(Callable<T> work) {
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        jvm.lock();
        try {
            FileChannel ch = openLockFile();
            if (ch == null) {
                return work.call();
            }
            try (ch;
                    var ignored = ch.lock()) {
                return work.call();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock the key file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            jvm.unlock();
        }
    }

    /** The open lock file, or null where its directory is read-only and the key file exists. */
    private FileChannel openLockFile() throws IOException {
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        try {
            createDirectories(path.getParent());
            return FileChannel.open(
                    lockPath, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), ownerOnly());
        } catch (java.nio.file.AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            if (exists()) {
                LOG.debug("the key file's directory is read-only, no lock file [file: {}]", path);
                return null;
            }
            throw e;
        } catch (java.nio.file.FileSystemException e) {
            if (exists() && e.getMessage() != null && e.getMessage().contains("Read-only file system")) {
                return null;
            }
            throw e;
        }
    }

    private void warnIfAnyoneMayRead() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn(
                        "anyone on this host may read the key file: make it mode 600 [file: {}, mode: {}]",
                        path,
                        PosixFilePermissions.toString(perms));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions on this file system
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static void restrict(Path file) throws IOException {
        if (posix()) {
            // the umask may have narrowed the creation mode, never widened it; say it exactly
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform syncs a directory; the rename is then as durable as it gets
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix");
    }

    @Override
    public String toString() {
        return "KeyFile[" + path + "]";
    }
}
