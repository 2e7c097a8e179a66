package io.github.statefullstm.experiment;

import java.util.List;

/**
 * One parameter varied over a protocol, each value trained for real: the mechanism behind the post's numbers.
 *
 * @param parameter what varies, for example "window length"
 */
public record Sweep(String id, String title, String parameter, List<Point> points) {

    public Sweep {
        points = List.copyOf(points);
    }

    /** One value of the parameter: the ceilings of its layout and what the trained model reached. */
    public record Point(int value, double trainingCeiling, double validationCeiling, double trainingAccuracy,
                        double validationAccuracy, double seconds) {
    }
}
