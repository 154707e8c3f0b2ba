package org.peertracker.localissuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The demo accounts: who may sign in, with which password, in which role and, for a peer, as which peer. */
public final class DemoAccounts {

    static final Set<String> ROLES = Set.of("peer", "coordinator", "analyst", "admin");

    /** One account; a peer's names the peer it is. */
    public record Account(String username, String password, String role, String peerId) {

        /** Never the password: a record would print it. */
        @Override
        public String toString() {
            return "Account[" + username + ", " + role + (peerId == null ? "" : ", " + peerId) + "]";
        }
    }

    private final Map<String, Account> accounts;

    private DemoAccounts(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    /** Reads {@code username=password,role[,peerId]} lines; blank lines and {@code #} comments are skipped. */
    public static DemoAccounts read(Path file) {
        try {
            var accounts = new LinkedHashMap<String, Account>();
            for (var line : Files.readAllLines(file)) {
                var trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.indexOf('=');
                var fields = eq < 1 ? new String[0] : trimmed.substring(eq + 1).split(",");
                if (fields.length < 2 || fields[0].isBlank() || !ROLES.contains(fields[1].strip())) {
                    throw new IllegalStateException("a line of " + file + " is not username=password,role[,peerId]"
                            + " with a role of " + ROLES);
                }
                var role = fields[1].strip();
                var peerId = fields.length > 2 ? fields[2].strip() : null;
                if ("peer".equals(role) && (peerId == null || peerId.isEmpty())) {
                    throw new IllegalStateException("a peer's account in " + file + " must name its peerId");
                }
                var username = trimmed.substring(0, eq).strip();
                accounts.put(username, new Account(username, fields[0].strip(), role, peerId));
            }
            if (accounts.isEmpty()) {
                throw new IllegalStateException("no account in " + file);
            }
            return new DemoAccounts(Map.copyOf(accounts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo accounts of " + file, e);
        }
    }

    public Optional<Account> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    public Iterable<Account> all() {
        return accounts.values();
    }
}
