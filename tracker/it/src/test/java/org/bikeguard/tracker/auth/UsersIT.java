package org.bikeguard.tracker.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.bikeguard.testkit.TestConfigs;
import org.bikeguard.testkit.TestDatabase;
import org.bikeguard.tracker.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersIT {

    private Database db;
    private Users users;

    @BeforeEach
    void start() {
        db = TestDatabase.newDatabase(TestConfigs.config());
        users = new Users(db.dataSource(), new PasswordHasher(PasswordHasher.MIN_ITERATIONS));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void createdUserVerifiesWithTheRightPasswordOnly() {
        long id = users.create("officer-7", "s3cret-pass", Role.POLICE);
        Users.Account a = users.verify("officer-7", "s3cret-pass").orElseThrow();
        assertEquals(id, a.id());
        assertEquals(Role.POLICE, a.role());
        assertTrue(users.verify("officer-7", "wrong-pass").isEmpty());
        assertTrue(users.verify("nobody", "s3cret-pass").isEmpty());
    }

    @Test
    void duplicateUsernameIsRejected() {
        users.create("dup", "password-1", Role.ADJUSTER);
        assertThrows(Users.DuplicateUserException.class, () -> users.create("dup", "password-2", Role.ADMIN));
    }

    @Test
    void bootstrapCreatesAdminWithTheConfiguredPasswordOnce() {
        assertTrue(users.bootstrapAdmin(Optional.of("configured-admin-pw")));
        assertFalse(users.bootstrapAdmin(Optional.of("another-password")));
        assertEquals(
                Role.ADMIN,
                users.verify("admin", "configured-admin-pw").orElseThrow().role());
        assertTrue(users.verify("admin", "another-password").isEmpty());
    }

    @Test
    void bootstrapWithoutConfiguredPasswordGeneratesOne() {
        assertTrue(users.bootstrapAdmin(Optional.empty()));
        assertFalse(users.bootstrapAdmin(Optional.empty()));
    }
}
