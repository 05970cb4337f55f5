package org.wikimedia.phlogiston.report;

import java.awt.Color;
import java.util.List;

/**
 * The colour of each category in every chart of a scope: picked from its rule order alone, so a category keeps its
 * colour across charts, variants and days even when other categories are hidden or have no data.
 */
public final class ChartPalette {

    /**
     * Tableau's ten, their light companions, then six of Kelly's contrast colours: neighbours in rule order get
     * clearly different hues, and 26 categories fit before a colour comes back.
     */
    private static final List<Color> COLOURS = List.of(
            new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf),
            new Color(0xaec7e8), new Color(0xffbb78), new Color(0x98df8a), new Color(0xff9896),
            new Color(0xc5b0d5), new Color(0xc49c94), new Color(0xf7b6d2), new Color(0xc7c7c7),
            new Color(0xdbdb8d), new Color(0x9edae5),
            new Color(0x875692), new Color(0xf3c300), new Color(0x008856), new Color(0x882d17),
            new Color(0x2b3d26), new Color(0xf99379));

    private ChartPalette() {
    }

    /** The colour of the category in place {@code order} of the rules; cycles past the palette's size. */
    public static Color colour(int order) {
        return COLOURS.get(Math.floorMod(order, COLOURS.size()));
    }

    public static int size() {
        return COLOURS.size();
    }
}
