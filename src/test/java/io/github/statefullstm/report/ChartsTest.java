package io.github.statefullstm.report;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.PostProtocols;
import io.github.statefullstm.experiment.Protocol;
import io.github.statefullstm.experiment.Sweep;
import io.github.statefullstm.sequence.InformationCeiling;
import io.github.statefullstm.spec.Claim;
import io.github.statefullstm.training.Score;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Each chart draws what its legend says, from the run's own figures, with every ceiling dashed beside its curve. */
class ChartsTest {

    /** Figures are drawn as given: no arithmetic stands between the record and the chart. */
    private static final double AS_GIVEN = 0;

    /** Three epochs of C: validation as given, training and on the fly below it, ceilings 0.9 and 0.8. */
    private static ExperimentResult result(Protocol protocol) {
        List<EpochRecord> epochs = new ArrayList<>();
        double[] validation = {0.6, 0.7, 0.95};
        for (int k = 0; k < validation.length; k++) {
            epochs.add(new EpochRecord(k + 1, new Score(0.5, validation[k] - 0.2, 10),
                    new Score(0.5, validation[k] - 0.1, 10), new Score(0.5, validation[k], 10), 1, null));
        }
        return new ExperimentResult(protocol, "reference", new InformationCeiling.Ceiling(8, 10),
                new InformationCeiling.Ceiling(9, 10), epochs, 3, true, null);
    }

    @Test
    @Claim("REPORT-3")
    void theLearningCurvesDrawEveryFigureWithItsCeilingDashed() {
        XYChart chart = Charts.learningCurves(result(PostProtocols.perStepStateful()));
        var series = chart.getSeriesMap();
        assertArrayEquals(new double[] {0.6, 0.7, 0.95}, series.get("validation, frozen").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {0.6 - 0.1, 0.7 - 0.1, 0.95 - 0.1}, series.get("training, frozen").getYData(),
                AS_GIVEN);
        assertArrayEquals(new double[] {0.6 - 0.2, 0.7 - 0.2, 0.95 - 0.2},
                series.get("training, on the fly (Keras' log)").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {0.9, 0.9, 0.9}, series.get("ceiling, validation").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {0.8, 0.8, 0.8}, series.get("ceiling, training").getYData(), AS_GIVEN);
        assertDashedBeside(series.get("ceiling, validation"), series.get("validation, frozen"));
        assertDashedBeside(series.get("ceiling, training"), series.get("training, frozen"));
        assertEquals(SeriesMarkers.CIRCLE, series.get("validation, frozen").getMarker(), "a curve shows its points");
        XYSeries post = series.get("the post, validation");
        assertArrayEquals(new double[] {1.0}, post.getYData(), AS_GIVEN, "the post's C: 1.0, at the last epoch");
        assertArrayEquals(new double[] {3}, post.getXData(), AS_GIVEN);
        assertEquals(0.4, chart.getStyler().getYAxisMin(), AS_GIVEN, "the accuracy axis starts below any ceiling");
    }

    @Test
    @Claim({"REPORT-2", "REPORT-3"})
    void aRunOfAnotherSetupHasNoMarkOfThePost() {
        XYChart chart = Charts.learningCurves(result(PostProtocols.perStepStateful().withEpochs(3)));
        assertFalse(chart.getSeriesMap().containsKey("the post, validation"), "no post figure compares");
        CategoryChart overview = Charts.overview(List.of(result(PostProtocols.perStepStateful().withEpochs(3))));
        assertEquals(List.of(0.0), overview.getSeriesMap().get("the post").getYData().stream()
                .map(Number::doubleValue).toList(), "the post's bar is 0: no figure compares");
    }

    @Test
    @Claim("REPORT-3")
    void theOverviewShowsEachRunsValidationBesideItsCeilingAndThePost() {
        CategoryChart chart = Charts.overview(List.of(result(PostProtocols.perStepStateful()),
                result(PostProtocols.sequencePreserving())));
        var series = chart.getSeriesMap();
        assertEquals(List.of("C", "E"), List.copyOf(series.get("ours, frozen").getXData()));
        assertEquals(List.of(0.95, 0.95), doubles(series.get("ours, frozen")));
        assertEquals(List.of(0.9, 0.9), doubles(series.get("information ceiling")));
        assertEquals(List.of(1.0, 0.0), doubles(series.get("the post")), "E: the post shows none");
        assertEquals(0.4, chart.getStyler().getYAxisMin(), AS_GIVEN);
    }

    @Test
    @Claim("REPORT-3")
    void aSweepDrawsEveryPointWithItsCeilingsDashed() {
        Sweep sweep = new Sweep("window-length", "stateless windows", "window length", List.of(
                new Sweep.Point(1, 0.52, 0.525, 0.51, 0.5, 1), new Sweep.Point(20, 1, 1, 0.99, 0.98, 2)));
        XYChart chart = Charts.sweep(sweep);
        var series = chart.getSeriesMap();
        assertArrayEquals(new double[] {0.5, 0.98}, series.get("validation, trained").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {0.51, 0.99}, series.get("training, trained").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {0.525, 1}, series.get("ceiling, validation").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {0.52, 1}, series.get("ceiling, training").getYData(), AS_GIVEN);
        assertArrayEquals(new double[] {1, 20}, series.get("validation, trained").getXData(), AS_GIVEN);
        assertDashedBeside(series.get("ceiling, validation"), series.get("validation, trained"));
        assertEquals(0.4, chart.getStyler().getYAxisMin(), AS_GIVEN);
    }

    private static void assertDashedBeside(XYSeries ceiling, XYSeries curve) {
        assertEquals(curve.getLineColor(), ceiling.getLineColor(), ceiling.getName() + " in its curve's colour");
        assertNotEquals(curve.getLineStyle(), ceiling.getLineStyle(), ceiling.getName() + " is dashed");
        assertEquals(SeriesMarkers.NONE, ceiling.getMarker(), ceiling.getName() + " has no points");
    }

    private static List<Double> doubles(CategorySeries series) {
        return series.getYData().stream().map(Number::doubleValue).toList();
    }
}
