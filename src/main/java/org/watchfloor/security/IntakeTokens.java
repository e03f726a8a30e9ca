package org.watchfloor.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Intake tokens of forwarders and sensors. Only a SHA-256 hash is stored: tokens are long random secrets, so a
 * fast hash loses nothing against guessing while keeping each request's check cheap.
 */
@Service
class IntakeTokens {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IntakeTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The name of the token's holder when the token is known and not revoked. */
    Optional<String> holder(String token) {
        List<String> names = jdbc.queryForList(
                "SELECT name FROM intake_token WHERE token_hash = ? AND revoked_at IS NULL", String.class, hash(token));
        return names.stream().findFirst();
    }

    /** Stores the token unless it is known already. */
    void provision(String name, String token) {
        if (token.length() < 16) {
            throw new IllegalArgumentException("an intake token needs at least 16 characters");
        }
        String hash = hash(token);
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM intake_token WHERE token_hash = ?", Integer.class, hash);
        if (known == null || known == 0) {
            jdbc.update("INSERT INTO intake_token (name, token_hash, created_at) VALUES (?, ?, ?)",
                    name, hash, clock.instant().atOffset(java.time.ZoneOffset.UTC));
        }
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
