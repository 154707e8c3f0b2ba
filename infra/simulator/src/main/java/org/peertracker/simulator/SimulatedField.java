package org.peertracker.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignClosed;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.EventType;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Materials;
import org.peertracker.events.OutcomeRecorded;
import org.peertracker.events.Payload;
import org.peertracker.events.PeerJoined;
import org.peertracker.events.ReferralClosed;
import org.peertracker.events.ReferralMade;
import org.peertracker.events.SessionEnded;
import org.peertracker.events.SessionStarted;
import org.peertracker.events.SignalReported;
import org.peertracker.events.TrainingCompleted;

/**
 * One organisation's field work, simulated: integrated and autonomous peers doing outreach (mostly anonymous
 * contacts, some known by client code, materials, now and then a signal), case work (contacts, referrals, closing),
 * a campaign's actions and outcomes, and involvement at every level with trainings and pay. It remembers what is
 * open, so events follow each other as in life; some arrive twice, some hours late. The same seed gives the same
 * events for the same instants.
 */
public final class SimulatedField {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** Who logs for others (joins, pay, hand-overs): a peer too, as in a peer-run organisation. */
    private static final String COORDINATOR = "peer-05";

    private static final List<String> AREAS = List.of("centrum", "oost", "west", "nieuw-west", "noord", "zuidoost");
    private static final List<String> CITIES =
            List.of("Amsterdam", "Amsterdam", "Utrecht", "Rotterdam", "Den Haag", "Groningen");
    private static final BigDecimal HOURLY_FEE = new BigDecimal("12.50");

    record Peer(String peerId, String setting, List<String> roles) {}

    /** The same peers in every run, so that runs against one organisation add up. */
    static final List<Peer> PEERS = List.of(
            new Peer("peer-01", "integrated", List.of("peer-support", "educating")),
            new Peer("peer-02", "integrated", List.of("peer-support", "public-speaking")),
            new Peer("peer-03", "integrated", List.of("researching", "policy-making")),
            new Peer("peer-04", "integrated", List.of("peer-support")),
            new Peer("peer-05", "integrated", List.of("programming", "advocating")),
            new Peer("peer-06", "integrated", List.of("educating", "peer-support")),
            new Peer("peer-07", "integrated", List.of("peer-support", "researching")),
            new Peer("peer-08", "integrated", List.of("public-speaking", "campaigning")),
            new Peer("peer-09", "autonomous", List.of("campaigning", "advocating", "public-speaking")),
            new Peer("peer-10", "autonomous", List.of("advocating", "policy-making")),
            new Peer("peer-11", "autonomous", List.of("campaigning", "peer-support")),
            new Peer("peer-12", "autonomous", List.of("researching", "programming", "advocating")));

    private static final Map<String, List<String>> BODIES = Map.of(
            "policy-making", List.of("city-council-drug-policy", "national-drug-policy-forum"),
            "programming", List.of("ggd-programme-board", "drop-in-programme-team"),
            "researching", List.of("research-steering-group", "drug-checking-study"),
            "educating", List.of("police-academy-course", "nursing-school-lectures"),
            "peer-support", List.of("peer-support-team", "user-council"),
            "campaigning", List.of("campaign-working-group", "user-union"),
            "public-speaking", List.of("harm-reduction-conference", "city-debate-series"),
            "advocating", List.of("user-union", "ministry-vws-consultation"));

    private record Session(String sessionId, String area, String siteType, String peerId, int contactsLeft) {
        Session less() {
            return new Session(sessionId, area, siteType, peerId, contactsLeft - 1);
        }
    }

    private static final class Case {
        final String caseId;
        final String clientCode;
        String owner;
        final Instant openedAt;
        final List<String> pendingReferrals = new ArrayList<>();

        Case(String caseId, String clientCode, String owner, Instant openedAt) {
            this.caseId = caseId;
            this.clientCode = clientCode;
            this.owner = owner;
            this.openedAt = openedAt;
        }
    }

    private record Campaign(String campaignId, String name, String goal) {}

    private final String orgId;
    private final Random random;
    private final String run;
    private final List<String> clientCodes = new ArrayList<>();
    private final Set<String> knownClients = new HashSet<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<Case> cases = new ArrayList<>();
    private final List<Campaign> campaigns = new ArrayList<>();
    private final Map<String, Long> deviceSeq = new HashMap<>();
    private final Deque<Event> recent = new ArrayDeque<>();
    /** Ends of sessions in the history, so that those still running at its end can be told apart. */
    private final Map<String, Instant> pendingEnds = new HashMap<>();

    private boolean peersJoined;
    private long ids;
    /** While the history is made: nothing happens after it. */
    private Instant horizon = Instant.MAX;

    public SimulatedField(String orgId, long seed) {
        this.orgId = orgId;
        this.random = new Random(seed);
        this.run = Long.toString(Math.floorMod(random.nextLong(), 36L * 36 * 36 * 36), 36);
        for (int i = 0; i < 80; i++) {
            clientCodes.add(clientCode());
        }
    }

    /**
     * What happened over the last {@code days} days (today included) up to {@code now}, in the order it happened,
     * with the occasional event that a field app sent twice. What is still open at {@code now} (sessions, cases,
     * a campaign) stays open for {@link #next}.
     */
    public List<Event> history(int days, Instant now) {
        var events = new ArrayList<Event>();
        var today = LocalDate.ofInstant(now, ZONE);
        var first = today.minusDays(days - 1L);
        horizon = now;
        joinPeers(first.atTime(8, 30).atZone(ZONE).toInstant(), events);
        for (var day = first; !day.isAfter(today); day = day.plusDays(1)) {
            day(day, first, days, events);
        }
        horizon = Instant.MAX;
        // the rest of sessions still running now is for next()
        events.removeIf(event -> event.occurredAt().isAfter(now));
        events.sort(Comparator.comparing(Event::occurredAt));
        // a field app that lost its connection after the server took a batch sends it again
        var withDuplicates = new ArrayList<Event>(events.size() + events.size() / 50);
        for (var event : events) {
            withDuplicates.add(event);
            if (random.nextInt(100) == 0) {
                withDuplicates.add(event);
            }
        }
        return withDuplicates;
    }

    /**
     * What happens next, at {@code now}: mostly one event, now and then a re-sent one (the same eventId) or a
     * backlog of several that a peer without a connection logged hours ago.
     */
    public List<Event> next(Instant now) {
        var events = new ArrayList<Event>();
        if (!peersJoined) {
            joinPeers(now.minusSeconds(60), events);
            return remember(events);
        }
        var at = now.minusMillis(random.nextInt(20_000));
        int roll = random.nextInt(1000);
        if (roll < 20 && !recent.isEmpty()) {
            return List.of(pick(List.copyOf(recent)));
        } else if (roll < 40) {
            offlineSession(now, events);
        } else if (roll < 560) {
            outreach(at, events);
        } else if (roll < 580) {
            signal(at, events);
        } else if (roll < 700) {
            caseContact(at, events);
        } else if (roll < 730) {
            openCase(at, events);
        } else if (roll < 760) {
            referral(at, events);
        } else if (roll < 785) {
            closeReferral(at, events);
        } else if (roll < 800) {
            closeCase(at, events);
        } else if (roll < 805) {
            reassign(at, events);
        } else if (roll < 855) {
            campaignAction(at, events);
        } else if (roll < 865) {
            campaignOutcome(at, events);
        } else if (roll < 945) {
            involvement(at, events);
        } else if (roll < 985) {
            compensation(at, events);
        } else {
            training(at, events);
        }
        return remember(events);
    }

    // ---- a day of history ----

    private void day(LocalDate day, LocalDate first, int days, List<Event> events) {
        boolean weekend = day.getDayOfWeek().getValue() >= 6;
        int sessionCount = weekend ? 2 + random.nextInt(2) : 4 + random.nextInt(3);
        for (int i = 0; i < sessionCount; i++) {
            var start = at(day, 10 + random.nextInt(10), random.nextInt(60));
            var length = Duration.ofMinutes(90 + random.nextInt(150));
            int contacts = 6 + random.nextInt(14);
            if (!start.isAfter(horizon)) {
                session(start, length, contacts, events);
            }
        }
        int dayIndex = (int) (day.toEpochDay() - first.toEpochDay());
        if (dayIndex == 0) {
            var at = at(day, 9, 0);
            launch(
                    at.isAfter(horizon) ? horizon : at,
                    "Stop the street sweeps",
                    "End police sweeps that push people away from services and safe use sites",
                    events);
        }
        if (dayIndex == Math.max(1, days / 3) && happened(at(day, 14, 0))) {
            launch(
                    at(day, 14, 0),
                    "Naloxone in every pocket",
                    "Naloxone available without prescription at every pharmacy and outreach post",
                    events);
        }
        if (dayIndex == Math.max(2, days * 2 / 3) && campaigns.size() > 1 && happened(at(day, 17, 0))) {
            var closing = campaigns.removeFirst();
            campaignOutcome(at(day, 12, 0), closing, "national", events);
            events.add(event(pick(campaigners()), at(day, 17, 0), new CampaignClosed(closing.campaignId())));
        }
        for (int i = 0; i < 2 + random.nextInt(3); i++) {
            var at = at(day, 9 + random.nextInt(9), random.nextInt(60));
            int what = random.nextInt(10);
            if (happened(at)) {
                switch (what) {
                    case 3, 4 -> openCase(at, events);
                    case 5 -> referral(at, events);
                    case 6 -> closeReferral(at, events);
                    case 7 -> closeCase(at, events);
                    default -> caseContact(at, events);
                }
            }
        }
        maybe(4, 10, at(day, 15, random.nextInt(60)), at -> closeReferral(at, events));
        if (!campaigns.isEmpty()) {
            maybe(1, 3, at(day, 13 + random.nextInt(6), random.nextInt(60)), at -> campaignAction(at, events));
        }
        maybe(1, 8, at(day, 16, random.nextInt(60)), at -> campaignOutcome(at, events));
        for (int i = 0; i < 2 + random.nextInt(4); i++) {
            maybe(1, 1, at(day, 9 + random.nextInt(10), random.nextInt(60)), at -> involvement(at, events));
        }
        maybe(1, 6, at(day, 10, 0), at -> training(at, events));
        maybe(1, 40, at(day, 12, random.nextInt(60)), at -> reassign(at, events));
    }

    /** With a chance of {@code in} in {@code of}, what happens at {@code at}, unless that is after the history. */
    private void maybe(int in, int of, Instant at, Consumer<Instant> what) {
        if (random.nextInt(of) < in && happened(at)) {
            what.accept(at);
        }
    }

    private boolean happened(Instant at) {
        return !at.isAfter(horizon);
    }

    /** A whole outreach session, from start to end, as its peer's app logged it. */
    private void session(Instant start, Duration length, int contacts, List<Event> events) {
        var peer = pick(outreachPeers());
        var session = new Session(id("s"), pick(AREAS), siteType(), peer, contacts);
        events.add(event(peer, start, new SessionStarted(session.sessionId(), session.area(), session.siteType())));
        long step = length.toSeconds() / (contacts + 1);
        for (int i = 1; i <= contacts; i++) {
            events.add(event(peer, start.plusSeconds(i * step), contact(session)));
        }
        if (random.nextInt(4) == 0) {
            var at = start.plusSeconds((1 + random.nextInt(contacts)) * step);
            events.add(event(peer, at, signalIn(session)));
        }
        var end = start.plus(length);
        events.add(event(peer, end, new SessionEnded(session.sessionId())));
        // a session that is not over yet at the end of the history goes on live
        sessions.put(
                session.sessionId(),
                new Session(session.sessionId(), session.area(), session.siteType(), peer, 3 + random.nextInt(8)));
        pendingEnds.put(session.sessionId(), end);
    }

    // ---- live ----

    private void outreach(Instant at, List<Event> events) {
        settleHistory(at);
        if (sessions.isEmpty() || sessions.size() < 3 && random.nextInt(10) == 0) {
            var peer = pick(outreachPeers());
            var session = new Session(id("s"), pick(AREAS), siteType(), peer, 6 + random.nextInt(14));
            sessions.put(session.sessionId(), session);
            events.add(event(peer, at, new SessionStarted(session.sessionId(), session.area(), session.siteType())));
            return;
        }
        var session = pick(List.copyOf(sessions.values()));
        if (session.contactsLeft() <= 0) {
            sessions.remove(session.sessionId());
            events.add(event(session.peerId(), at, new SessionEnded(session.sessionId())));
            return;
        }
        sessions.put(session.sessionId(), session.less());
        events.add(event(session.peerId(), at, contact(session)));
    }

    private void signal(Instant at, List<Event> events) {
        settleHistory(at);
        if (sessions.isEmpty()) {
            outreach(at, events);
            return;
        }
        var session = pick(List.copyOf(sessions.values()));
        events.add(event(session.peerId(), at, signalIn(session)));
    }

    /** A peer's session logged without a connection: started, contacts, ended, all sent at once, hours late. */
    private void offlineSession(Instant now, List<Event> events) {
        var length = Duration.ofMinutes(60 + random.nextInt(60));
        var start = now.minus(length).minus(Duration.ofMinutes(10 + random.nextInt(7 * 60)));
        session(start, length, 4 + random.nextInt(9), events);
        var last = events.getLast();
        var sessionId = ((SessionEnded) last.payload()).sessionId();
        sessions.remove(sessionId);
        pendingEnds.remove(sessionId);
    }

    /** Sessions of the history that ended by {@code now} are over: only those still running go on live. */
    private void settleHistory(Instant now) {
        pendingEnds.entrySet().removeIf(end -> {
            if (!end.getValue().isAfter(now)) {
                sessions.remove(end.getKey());
                return true;
            }
            return false;
        });
    }

    // ---- outreach ----

    private ContactRecorded contact(Session session) {
        boolean known = random.nextInt(100) < 18;
        int groupSize = weighted(new int[] {1, 2, 3, 4, 5}, new int[] {70, 18, 6, 4, 2});
        boolean street =
                session.siteType().equals("street") || session.siteType().equals("home");
        boolean injects = random.nextInt(100) < (street ? 55 : 20);
        int syringes = injects ? 2 + random.nextInt(20) : 0;
        var materials = new Materials(
                syringes,
                injects ? (int) (syringes * (0.4 + random.nextDouble() * 0.6)) : 0,
                random.nextInt(100) < (session.siteType().equals("festival") ? 4 : 9) ? 1 : 0,
                random.nextInt(100) < 30 ? random.nextInt(6) : 0,
                random.nextInt(100) < 25 ? 2 + random.nextInt(10) : 0,
                random.nextInt(100) < 12 ? 1 + random.nextInt(2) : 0,
                random.nextInt(100) < 40 ? 1 + random.nextInt(2) : 0);
        var topics = new ArrayList<String>();
        topics.add(injects ? "safer-use" : pick(List.of("safer-use", "drug-checking", "sexual-health", "overdose")));
        if (random.nextInt(4) == 0) {
            topics.add(pick(List.of("hiv-hcv", "housing", "treatment", "legal", "overdose")));
        }
        var distinct = List.copyOf(new LinkedHashSet<>(topics));
        if (!known) {
            return new ContactRecorded(
                    session.sessionId(),
                    session.area(),
                    true,
                    null,
                    null,
                    groupSize,
                    random.nextInt(100) < 25,
                    materials,
                    distinct);
        }
        var code = pick(clientCodes);
        return new ContactRecorded(
                session.sessionId(), session.area(), false, code, null, 1, knownClients.add(code), materials, distinct);
    }

    private SignalReported signalIn(Session session) {
        int kind = random.nextInt(4);
        return switch (kind) {
            case 0 ->
                new SignalReported(
                        session.sessionId(),
                        "new-substance",
                        session.area(),
                        pick(List.of("high", "critical")),
                        pick(List.of(
                                "Blue pills sold as oxycodone, strong sedation reported",
                                "Cocaine cut with levamisole going around, skin lesions seen",
                                "Very strong heroin batch, two people needed naloxone")));
            case 1 ->
                new SignalReported(
                        session.sessionId(),
                        "adverse-reaction",
                        session.area(),
                        pick(List.of("medium", "high")),
                        pick(List.of(
                                "Several people with abscesses after injecting a new batch",
                                "Heavy vomiting after smoking, same dealer")));
            case 2 ->
                new SignalReported(
                        session.sessionId(),
                        "police-activity",
                        session.area(),
                        pick(List.of("low", "medium")),
                        pick(List.of(
                                "Stop and search near the station, people scattering",
                                "Police confiscating clean needles at the square")));
            default ->
                new SignalReported(
                        session.sessionId(),
                        "service-gap",
                        session.area(),
                        pick(List.of("low", "medium")),
                        pick(List.of(
                                "Needle exchange closed all week, people reusing",
                                "Night shelter full, people sleeping outside in the cold")));
        };
    }

    private String siteType() {
        return pickWeighted(List.of("street", "drop-in", "festival", "online", "home"), new int[] {60, 20, 8, 8, 4});
    }

    // ---- support ----

    private void openCase(Instant at, List<Event> events) {
        var owner = pick(supportPeers());
        var code = pick(clientCodes);
        var opened = new Case(id("c"), code, owner, at);
        cases.add(opened);
        var needs = new LinkedHashSet<String>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            needs.add(pickWeighted(
                    List.of(
                            "housing",
                            "opioid-agonist-treatment",
                            "hiv-hcv-testing",
                            "detox",
                            "mental-health",
                            "legal-aid",
                            "employment",
                            "income",
                            "safer-use"),
                    new int[] {25, 12, 10, 8, 15, 10, 6, 10, 4}));
        }
        events.add(event(
                owner,
                at,
                new CaseOpened(
                        opened.caseId,
                        code,
                        null,
                        List.copyOf(needs),
                        pickWeighted(
                                List.of("self", "peer", "outreach", "service", "police", "family"),
                                new int[] {25, 25, 30, 12, 3, 5}))));
    }

    /** An open case to log for; when there is none, one is opened instead (its opening is the event) and null given. */
    private Case openCaseOrOpenOne(Instant at, List<Event> events) {
        var open = openCases(at);
        if (open.isEmpty()) {
            openCase(at, events);
            return null;
        }
        return pick(open);
    }

    private void caseContact(Instant at, List<Event> events) {
        var c = openCaseOrOpenOne(at, events);
        if (c == null) {
            return;
        }
        var mode = pickWeighted(List.of("in-person", "phone", "online", "accompaniment"), new int[] {50, 30, 8, 12});
        int minutes = switch (mode) {
            case "phone" -> 5 + random.nextInt(25);
            case "accompaniment" -> 60 + random.nextInt(180);
            default -> 20 + random.nextInt(70);
        };
        events.add(event(
                c.owner,
                at,
                new CaseContactLogged(
                        c.caseId,
                        mode,
                        minutes,
                        List.of(pick(List.of(
                                "housing",
                                "treatment",
                                "income",
                                "legal",
                                "mental-health",
                                "safer-use",
                                "hiv-hcv"))))));
    }

    private void referral(Instant at, List<Event> events) {
        var c = openCaseOrOpenOne(at, events);
        if (c == null) {
            return;
        }
        var referralId = id("r");
        c.pendingReferrals.add(referralId);
        events.add(event(
                c.owner,
                at,
                new ReferralMade(
                        c.caseId,
                        referralId,
                        pickWeighted(
                                List.of(
                                        "housing",
                                        "opioid-agonist-treatment",
                                        "hiv-hcv-testing",
                                        "detox",
                                        "mental-health",
                                        "legal-aid",
                                        "employment",
                                        "other"),
                                new int[] {25, 15, 15, 8, 15, 12, 6, 4}))));
    }

    private void closeReferral(Instant at, List<Event> events) {
        var waiting = openCases(at).stream()
                .filter(c -> !c.pendingReferrals.isEmpty())
                .toList();
        if (waiting.isEmpty()) {
            referral(at, events);
            return;
        }
        var c = pick(waiting);
        var referralId = c.pendingReferrals.removeFirst();
        events.add(event(
                c.owner,
                at,
                new ReferralClosed(
                        c.caseId,
                        referralId,
                        pickWeighted(List.of("attended", "not-attended", "declined"), new int[] {58, 27, 15}))));
    }

    private void closeCase(Instant at, List<Event> events) {
        var closable = openCases(at).stream()
                .filter(c -> c.openedAt.isBefore(at.minus(Duration.ofDays(3))))
                .toList();
        if (closable.isEmpty() || cases.size() < 8) {
            caseContact(at, events);
            return;
        }
        var c = pick(closable);
        cases.remove(c);
        events.add(event(
                c.owner,
                at,
                new CaseClosed(
                        c.caseId,
                        pickWeighted(
                                List.of(
                                        "goals-met",
                                        "referred-on",
                                        "lost-contact",
                                        "client-withdrew",
                                        "moved-away",
                                        "other"),
                                new int[] {35, 25, 20, 8, 7, 5}))));
    }

    private void reassign(Instant at, List<Event> events) {
        var open = openCases(at);
        if (open.isEmpty()) {
            return;
        }
        var c = pick(open);
        var to = pick(supportPeers().stream().filter(p -> !p.equals(c.owner)).toList());
        c.owner = to;
        events.add(event(COORDINATOR, at, new CaseReassigned(c.caseId, to)));
    }

    private List<Case> openCases(Instant at) {
        return cases.stream().filter(c -> !c.openedAt.isAfter(at)).toList();
    }

    // ---- campaigning ----

    private void launch(Instant at, String name, String goal, List<Event> events) {
        var campaign = new Campaign(id("k"), name, goal);
        campaigns.add(campaign);
        var startsOn = LocalDate.ofInstant(at, ZONE);
        events.add(event(
                pick(campaigners()),
                at,
                new CampaignLaunched(campaign.campaignId(), name, goal, startsOn, startsOn.plusMonths(3))));
    }

    private void campaignAction(Instant at, List<Event> events) {
        if (campaigns.isEmpty()) {
            launch(
                    at,
                    "Housing first, not handcuffs",
                    "Homes instead of fines for people who use drugs on the street",
                    events);
            return;
        }
        var campaign = campaigns.getLast();
        var kind = pickWeighted(
                List.of(
                        "demonstration",
                        "media",
                        "public-speaking",
                        "policy-meeting",
                        "petition",
                        "social-media",
                        "workshop"),
                new int[] {10, 15, 15, 15, 8, 25, 12});
        int participants = switch (kind) {
            case "demonstration" -> 20 + random.nextInt(200);
            case "workshop" -> 6 + random.nextInt(20);
            case "petition" -> 100 + random.nextInt(2000);
            default -> 1 + random.nextInt(6);
        };
        int audience = switch (kind) {
            case "media" -> 5000 + random.nextInt(200_000);
            case "social-media" -> 500 + random.nextInt(20_000);
            case "demonstration" -> 200 + random.nextInt(3000);
            default -> 10 + random.nextInt(300);
        };
        int mediaHits = kind.equals("media") || kind.equals("demonstration") ? random.nextInt(8) : 0;
        events.add(event(
                pick(campaigners()),
                at,
                new ActionRecorded(
                        campaign.campaignId(), id("a"), kind, pick(CITIES), participants, audience, mediaHits)));
    }

    private void campaignOutcome(Instant at, List<Event> events) {
        if (campaigns.isEmpty()) {
            campaignAction(at, events);
            return;
        }
        campaignOutcome(
                at,
                campaigns.getLast(),
                pickWeighted(List.of("local", "national", "international"), new int[] {70, 25, 5}),
                events);
    }

    private void campaignOutcome(Instant at, Campaign campaign, String level, List<Event> events) {
        var text = switch (level) {
            case "local" ->
                pick(List.of(
                        "The city council agreed to a hearing with people who use drugs",
                        "Two more pharmacies hand out naloxone",
                        "The district mayor met the user union",
                        "Police agreed to stop confiscating clean needles"));
            case "national" ->
                pick(List.of(
                        "Questions asked in parliament after the action",
                        "The ministry invited peers to the consultation",
                        "National press covered the campaign"));
            default -> "Cited in an international harm reduction report";
        };
        events.add(event(pick(campaigners()), at, new OutcomeRecorded(campaign.campaignId(), level, text)));
    }

    // ---- involvement ----

    private void joinPeers(Instant at, List<Event> events) {
        peersJoined = true;
        for (var peer : PEERS) {
            var payload = new PeerJoined(peer.peerId(), peer.roles(), peer.setting());
            var type = EventType.of(payload);
            // the same eventId in every run: joining again changes nothing
            var eventId = UUID.nameUUIDFromBytes((orgId + "|joined|" + peer.peerId()).getBytes(StandardCharsets.UTF_8));
            events.add(new Event(
                    eventId, type.token(), type.version(), orgId, COORDINATOR, null, null, at, null, null, payload));
        }
    }

    private void involvement(Instant at, List<Event> events) {
        var peer = pick(PEERS);
        var role = pick(peer.roles());
        var level = peer.setting().equals("autonomous")
                ? pickWeighted(
                        List.of("informed", "consulted", "advising", "co-deciding", "leading"),
                        new int[] {5, 10, 20, 35, 30})
                : pickWeighted(
                        List.of("informed", "consulted", "advising", "co-deciding", "leading"),
                        new int[] {20, 30, 30, 15, 5});
        double hours = 0.5 + random.nextInt(15) * 0.25;
        events.add(event(
                peer.peerId(), at, new InvolvementRecorded(peer.peerId(), role, pick(BODIES.get(role)), level, hours)));
        if (random.nextInt(100) < 55) {
            pay(peer, role, hours, at, events);
        }
    }

    private void compensation(Instant at, List<Event> events) {
        var peer = pick(PEERS);
        pay(peer, pick(peer.roles()), 1 + random.nextInt(4), at, events);
    }

    private void pay(Peer peer, String role, double hours, Instant at, List<Event> events) {
        var amount = HOURLY_FEE.multiply(BigDecimal.valueOf(hours)).setScale(2, RoundingMode.HALF_UP);
        var method = peer.setting().equals("autonomous")
                ? pickWeighted(List.of("cash", "voucher", "transfer"), new int[] {45, 35, 20})
                : pickWeighted(List.of("cash", "voucher", "transfer"), new int[] {10, 20, 70});
        events.add(event(COORDINATOR, at, new CompensationPaid(peer.peerId(), amount, "EUR", method, role)));
    }

    private void training(Instant at, List<Event> events) {
        var peer = pick(PEERS);
        var topic = pick(List.of(
                "naloxone",
                "first-aid",
                "safer-use",
                "hiv-hcv",
                "public-speaking",
                "research-ethics",
                "advocacy",
                "self-care"));
        events.add(event(peer.peerId(), at, new TrainingCompleted(peer.peerId(), topic, 2 + random.nextInt(13) * 0.5)));
    }

    // ---- helpers ----

    private List<String> outreachPeers() {
        return PEERS.stream()
                .filter(p -> p.roles().contains("peer-support") || p.roles().contains("educating"))
                .map(Peer::peerId)
                .toList();
    }

    private List<String> supportPeers() {
        return PEERS.stream()
                .filter(p -> p.roles().contains("peer-support"))
                .map(Peer::peerId)
                .toList();
    }

    private List<String> campaigners() {
        return PEERS.stream()
                .filter(p -> p.roles().contains("campaigning") || p.roles().contains("advocating"))
                .map(Peer::peerId)
                .toList();
    }

    private Event event(String peerId, Instant at, Payload payload) {
        var type = EventType.of(payload);
        var device = "app-" + peerId;
        long seq = deviceSeq.merge(device, 1L, Long::sum);
        var eventId = new UUID(
                random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
        return new Event(eventId, type.token(), type.version(), orgId, peerId, device, seq, at, null, null, payload);
    }

    private List<Event> remember(List<Event> events) {
        for (var event : events) {
            recent.addLast(event);
            if (recent.size() > 200) {
                recent.removeFirst();
            }
        }
        return events;
    }

    /** A UIC-style code as peers note it: four letters, a year of birth, a sex marker. Never a name. */
    private String clientCode() {
        var code = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        return code.append(1960 + random.nextInt(43))
                .append("MFX".charAt(weighted(new int[] {0, 1, 2}, new int[] {70, 27, 3})))
                .toString();
    }

    private String id(String prefix) {
        return prefix + "-" + run + "-" + Long.toString(++ids, 36);
    }

    private Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute, random.nextInt(60)).atZone(ZONE).toInstant();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private <T> T pickWeighted(List<T> items, int[] weights) {
        return items.get(weighted(indices(items.size()), weights));
    }

    private int weighted(int[] values, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static int[] indices(int n) {
        var indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }
}
