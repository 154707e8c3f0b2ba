package org.peertracker.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** Harm reduction materials handed out, or needles taken back, during one contact. */
public record Materials(
        int syringes, int needlesReturned, int naloxoneKits, int condoms, int foil, int pipes, int leaflets) {

    public static final Materials NONE = new Materials(0, 0, 0, 0, 0, 0, 0);

    /** The counts by their field names, in catalogue order. */
    public Map<String, Integer> byName() {
        var counts = new LinkedHashMap<String, Integer>();
        counts.put("syringes", syringes);
        counts.put("needlesReturned", needlesReturned);
        counts.put("naloxoneKits", naloxoneKits);
        counts.put("condoms", condoms);
        counts.put("foil", foil);
        counts.put("pipes", pipes);
        counts.put("leaflets", leaflets);
        return counts;
    }
}
