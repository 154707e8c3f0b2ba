package org.peertracker.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code infra/token --org ORG --role ROLE [--peer PEER] [--ttl 8h]} or {@code infra/token --operator [--ttl 8h]}:
 * prints a token signed with the local stack's dev key, alone on stdout, for
 * {@code curl -H "Authorization: Bearer $(infra/token ...)"}.
 */
public final class TokenCommand {

    static final String USAGE = """
            usage: infra/token --org ORG --role ROLE [--peer PEER] [--ttl 8h]
                   infra/token --operator [--ttl 8h]
              --org       the organisation (tenant) the token is for, e.g. mainline
              --role      peer, coordinator, analyst, admin or integration
              --peer      the peer's own id (required for --role peer)
              --operator  a platform operator's token (no organisation): the worker's rebuilds and dead letters,
                          actuator beyond health; no organisation's data
              --ttl       how long the token is valid: 90s, 30m, 8h, 2d or ISO-8601 (PT8H); at most 30d
            Signs with the local stack's dev key (TRACKER_DATA_DIR/secrets/dev-signing-key.jwk, made if missing),
            which tracker-api and tracker-worker trust only with the local profile (infra/up runs them so).""";
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$");
    static final Duration MAX_TTL = Duration.ofDays(30);

    private TokenCommand() {}

    /** The parsed arguments; {@code operator} tokens have no org, role or peer. */
    record Request(String org, String role, String peer, boolean operator, Duration ttl) {}

    public static void main(String[] args) {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("infra/token: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (request == null) {
            System.out.println(USAGE);
            return;
        }
        var dataDir = Path.of(System.getenv().getOrDefault("TRACKER_DATA_DIR", ".local"));
        var key = DevTokens.loadOrCreateKey(DevTokens.keyFile(dataDir));
        var now = Instant.now();
        System.out.println(
                request.operator()
                        ? DevTokens.signOperator(key, "operator@local", now, now.plus(request.ttl()))
                        : DevTokens.sign(
                                key, request.org(), request.role(), request.peer(), now, now.plus(request.ttl())));
    }

    /** The request, or null when help was asked for. */
    static Request parse(String[] args) {
        String org = null;
        String role = null;
        String peer = null;
        Duration ttl = Duration.ofHours(8);
        boolean operator = false;
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                return null;
            }
            if (arg.equals("--operator")) {
                operator = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        arg.startsWith("--") ? arg + " needs a value" : "unknown argument: " + arg);
            }
            var value = args[++i];
            switch (arg) {
                case "--org" -> org = value;
                case "--role" -> role = value;
                case "--peer" -> peer = value;
                case "--ttl" -> ttl = duration(value);
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (operator) {
            if (org != null || role != null || peer != null) {
                throw new IllegalArgumentException("--operator stands alone: an operator belongs to no organisation");
            }
            return new Request(null, null, null, true, ttl);
        }
        if (org == null || !ID.matcher(org).matches()) {
            throw new IllegalArgumentException("--org must be an id (letters, digits, _ : -), e.g. --org mainline");
        }
        if (role == null || !DevTokens.ROLES.contains(role)) {
            throw new IllegalArgumentException("--role must be one of peer, coordinator, analyst, admin, integration");
        }
        if (peer != null && !ID.matcher(peer).matches()) {
            throw new IllegalArgumentException("--peer must be an id (letters, digits, _ : -)");
        }
        if (role.equals("peer") && peer == null) {
            throw new IllegalArgumentException("a peer's token needs --peer PEER");
        }
        return new Request(org, role, peer, false, ttl);
    }

    static Duration duration(String text) {
        Duration ttl;
        try {
            var matcher = Pattern.compile("(\\d+)([smhd])").matcher(text.toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                ttl = switch (matcher.group(2)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                ttl = Duration.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("--ttl must be like 90s, 30m, 8h, 2d or PT8H, not '" + text + "'");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("--ttl must be more than 0 and at most 30d");
        }
        return ttl;
    }
}
