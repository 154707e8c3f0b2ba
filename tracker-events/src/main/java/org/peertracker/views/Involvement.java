package org.peertracker.views;

/**
 * The involvement figures that a peer's record ({@link Peers}) and a peer's month ({@link InvolvementMonthly}) both
 * keep.
 */
public final class Involvement {

    public static final String INVOLVEMENTS = "involvements";
    public static final String HOURS = "hours";
    /** {@code hoursByRole.<role>}. */
    public static final String HOURS_BY_ROLE = "hoursByRole";
    /** {@code hoursByLevel.<level>}. */
    public static final String HOURS_BY_LEVEL = "hoursByLevel";

    public static final String TRAININGS = "trainings";
    public static final String TRAINING_HOURS = "trainingHours";
    /** {@code trainingsByTopic.<topic>}. */
    public static final String TRAININGS_BY_TOPIC = "trainingsByTopic";
    /** Money in cents, so that sums stay exact: {@code compensationCents.<currency>}. */
    public static final String COMPENSATION_CENTS = "compensationCents";
    /** {@code compensationCentsByRole.<role>}. */
    public static final String COMPENSATION_CENTS_BY_ROLE = "compensationCentsByRole";
    /** {@code payments.<method>}. */
    public static final String PAYMENTS = "payments";

    private Involvement() {}
}
