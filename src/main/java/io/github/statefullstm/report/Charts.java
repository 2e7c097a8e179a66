package io.github.statefullstm.report;

import io.github.statefullstm.experiment.EpochRecord;
import io.github.statefullstm.experiment.ExperimentResult;
import io.github.statefullstm.experiment.Sweep;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, built with XChart: accuracy per epoch with the ceilings drawn in, and the overviews. */
final class Charts {

    static final int WIDTH = 960;
    static final int HEIGHT = 420;
    /** Accuracy axis: a little below the lowest ceiling any experiment can have (0.5 - noise), up to 1. */
    private static final double ACCURACY_AXIS_MIN = 0.4;
    private static final double ACCURACY_AXIS_MAX = 1.02;
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);
    private static final Color VALIDATION = new Color(0x1f77b4);
    private static final Color TRAINING = new Color(0xff7f0e);
    private static final Color ON_THE_FLY = new Color(0x2ca02c);
    private static final Color POST = new Color(0xd62728);

    private Charts() {
    }

    static XYChart learningCurves(ExperimentResult result) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(result.protocol().id() + ". " + result.protocol().title())
                .xAxisTitle("epoch").yAxisTitle("accuracy").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        List<Integer> epochs = result.epochs().stream().map(EpochRecord::epoch).toList();
        line(chart, "validation, frozen", epochs, result.epochs().stream().map(e -> e.validation().accuracy()).toList(),
                VALIDATION, false);
        line(chart, "training, frozen", epochs, result.epochs().stream().map(e -> e.training().accuracy()).toList(),
                TRAINING, false);
        line(chart, "training, on the fly (Keras' log)", epochs,
                result.epochs().stream().map(e -> e.onTheFly().accuracy()).toList(), ON_THE_FLY, false);
        line(chart, "ceiling, validation", epochs, constant(result.validationCeiling().value(), epochs.size()),
                VALIDATION, true);
        line(chart, "ceiling, training", epochs, constant(result.trainingCeiling().value(), epochs.size()), TRAINING,
                true);
        double post = result.protocol().comparablePostValidationAccuracy();
        if (Double.isFinite(post)) {
            XYSeries series = chart.addSeries("the post, validation", List.of(epochs.get(epochs.size() - 1)),
                    List.of(post));
            series.setMarker(SeriesMarkers.DIAMOND);
            series.setMarkerColor(POST);
            series.setLineColor(POST);
        }
        return chart;
    }

    static CategoryChart overview(List<ExperimentResult> results) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Validation accuracy at the last epoch, beside its ceiling and the post's figure")
                .xAxisTitle("experiment").yAxisTitle("accuracy").build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        List<String> ids = results.stream().map(r -> r.protocol().id()).toList();
        chart.addSeries("ours, frozen", ids, results.stream().map(r -> (Number) r.last().validation().accuracy())
                .toList()).setFillColor(VALIDATION);
        chart.addSeries("information ceiling", ids, results.stream()
                .map(r -> (Number) r.validationCeiling().value()).toList()).setFillColor(Color.GRAY);
        chart.addSeries("the post", ids, results.stream().map(r -> (Number) postOrZero(r)).toList())
                .setFillColor(POST);
        return chart;
    }

    static XYChart sweep(Sweep sweep) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(sweep.title())
                .xAxisTitle(sweep.parameter()).yAxisTitle("accuracy").build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        List<Integer> values = sweep.points().stream().map(Sweep.Point::value).toList();
        line(chart, "validation, trained", values,
                sweep.points().stream().map(Sweep.Point::validationAccuracy).toList(), VALIDATION, false);
        line(chart, "training, trained", values, sweep.points().stream().map(Sweep.Point::trainingAccuracy).toList(),
                TRAINING, false);
        line(chart, "ceiling, validation", values,
                sweep.points().stream().map(Sweep.Point::validationCeiling).toList(), VALIDATION, true);
        line(chart, "ceiling, training", values, sweep.points().stream().map(Sweep.Point::trainingCeiling).toList(),
                TRAINING, true);
        return chart;
    }

    /**
     * The post shows no figure for E, and none that compares for a setup of another size: a bar of height 0 says so
     * more plainly than a missing one.
     */
    private static double postOrZero(ExperimentResult result) {
        double post = result.protocol().comparablePostValidationAccuracy();
        return Double.isFinite(post) ? post : 0;
    }

    private static void line(XYChart chart, String name, List<Integer> x, List<Double> y, Color color,
                             boolean dashed) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        if (dashed) {
            series.setLineStyle(DASHED);
            series.setMarker(SeriesMarkers.NONE);
        } else {
            series.setMarker(SeriesMarkers.CIRCLE);
        }
    }

    private static List<Double> constant(double value, int count) {
        return new ArrayList<>(Collections.nCopies(count, value));
    }

    private static void style(AxesChartStyler styler) {
        styler.setYAxisMin(ACCURACY_AXIS_MIN);
        styler.setYAxisMax(ACCURACY_AXIS_MAX);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesVisible(true);
        styler.setYAxisDecimalPattern("0.00");
    }
}
