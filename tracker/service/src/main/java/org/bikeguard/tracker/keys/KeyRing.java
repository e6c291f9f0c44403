package org.bikeguard.tracker.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of one purpose, oldest activation first. The <em>current</em> key at an instant is the
 * one activated last at or before it: it signs and encrypts; every key of the ring verifies and
 * decrypts what carries its id. Immutable; thread-safe.
 */
public final class KeyRing {

    private final KeyPurpose purpose;
    private final List<KeyVersion> versions;

    /**
     * @throws IllegalArgumentException when the ring is empty, repeats an id, holds more than one
     *                                  legacy key, or more than one key of a purpose that is not
     *                                  rotated
     */
    public KeyRing(KeyPurpose purpose, List<KeyVersion> versions) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        List<KeyVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(KeyVersion::activeFrom));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("key ring " + purpose.wire() + " is empty");
        }
        Set<String> ids = new HashSet<>();
        int legacy = 0;
        for (KeyVersion v : sorted) {
            if (!ids.add(v.id())) {
                throw new IllegalArgumentException("key ring " + purpose.wire() + " repeats key id " + v.id());
            }
            legacy += v.legacy() ? 1 : 0;
        }
        if (legacy > 1) {
            throw new IllegalArgumentException("key ring " + purpose.wire() + " holds more than one legacy key");
        }
        if (!purpose.rotatable() && sorted.size() > 1) {
            throw new IllegalArgumentException(
                    "key ring " + purpose.wire() + " holds one key only (it is not rotated)");
        }
        this.versions = List.copyOf(sorted);
    }

    /** A ring of one key, active from the epoch (tests, single-key tools). */
    public static KeyRing single(KeyPurpose purpose, String id, byte[] material) {
        return new KeyRing(purpose, List.of(new KeyVersion(id, material, Instant.EPOCH, false)));
    }

    public KeyPurpose purpose() {
        return purpose;
    }

    /** Every key, oldest activation first. */
    public List<KeyVersion> versions() {
        return versions;
    }

    /** The key that signs and encrypts at {@code now}: the last activated at or before it (else the first). */
    public KeyVersion current(Instant now) {
        KeyVersion current = versions.get(0);
        for (KeyVersion v : versions) {
            if (!v.activeFrom().isAfter(now)) {
                current = v;
            }
        }
        return current;
    }

    /** The key with this id. */
    public Optional<KeyVersion> find(String id) {
        for (KeyVersion v : versions) {
            if (v.id().equals(id)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The key imported from {@code server_keys}, which verifies and decrypts the old formats. */
    public Optional<KeyVersion> legacy() {
        return versions.stream().filter(KeyVersion::legacy).findFirst();
    }

    /** The id a rotation gives its new key: one above the highest numeric id. */
    public String nextId() {
        long max = 0;
        for (KeyVersion v : versions) {
            try {
                max = Math.max(max, Long.parseLong(v.id()));
            } catch (NumberFormatException e) {
                // ids that are not numbers take no part in the numbering
            }
        }
        return String.valueOf(max + 1);
    }

    /** This ring with {@code v} added. */
    public KeyRing with(KeyVersion v) {
        List<KeyVersion> l = new ArrayList<>(versions);
        l.add(v);
        return new KeyRing(purpose, l);
    }

    /**
     * This ring without key {@code id}.
     *
     * @throws IllegalArgumentException when there is no such key, or it is the current key at
     *                                  {@code now} or one that will become current later
     */
    public KeyRing without(String id, Instant now) {
        KeyVersion v = find(id).orElseThrow(
                        () -> new IllegalArgumentException("key ring " + purpose.wire() + " has no key " + id));
        KeyVersion current = current(now);
        if (v.id().equals(current.id()) || v.activeFrom().isAfter(current.activeFrom())) {
            throw new IllegalArgumentException("key " + id + " of " + purpose.wire()
                    + " is the current key or a later one: only older keys can be retired");
        }
        List<KeyVersion> l = new ArrayList<>(versions);
        l.remove(v);
        return new KeyRing(purpose, l);
    }

    /** The key ids, oldest first, for logs ({@code 0,1,2}). */
    public String ids() {
        return String.join(",", versions.stream().map(KeyVersion::id).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRing r && r.purpose == purpose && r.versions.equals(versions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purpose, versions);
    }

    @Override
    public String toString() {
        return "KeyRing[" + purpose.wire() + ": " + ids() + "]";
    }
}
