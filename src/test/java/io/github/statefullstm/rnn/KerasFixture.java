package io.github.statefullstm.rnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One configuration as an independent Keras implementation computed it: TensorFlow.js's layers API, float32, written
 * by {@code tools/keras-fixtures/make-fixtures.js} to {@code src/test/resources/keras-fixtures/}. Weights, inputs and
 * the initial state are float32 values written as the exact doubles they are, so an engine given them computes from
 * exactly what Keras computed from; what comes back (predictions, states, losses, gradients) carries float32 rounding.
 *
 * @param initialState the state a stateful model starts from; {@code null} for zeros
 * @param batches two consecutive batches, the second starting where the first left a stateful model
 */
record KerasFixture(String name, String producedBy, long seed, boolean stateful, int batchSize, int features,
                    int units, int steps, String gateActivation, boolean saturated, Weights weights,
                    State initialState, List<Batch> batches) {

    private static final String FOLDER = "/keras-fixtures";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Weights, or a gradient, in the canonical layout of {@link LstmWeights}. */
    record Weights(double[][] kernel, double[][] recurrentKernel, double[] bias, double[] denseKernel,
                   double denseBias) {

        LstmWeights canonical() {
            return new LstmWeights(kernel, recurrentKernel, bias, denseKernel, denseBias);
        }
    }

    record State(double[][] h, double[][] c) {

        LstmState canonical() {
            return new LstmState(h, c);
        }
    }

    /**
     * One batch and what Keras made of it from the state it started in: the prediction of each row, the final state
     * of each row, the mean binary cross-entropy, and its gradient before any optimizer step.
     */
    record Batch(double[][][] inputs, double[] targets, double[] predictions, State finalState, double loss,
                 Weights gradient) {
    }

    /** Every fixture in the test resources, by file name. */
    static List<KerasFixture> all() {
        return all(FOLDER, "", KerasFixture.class);
    }

    /**
     * The fixtures of {@code folder} (on the test class path) whose file names start with {@code prefix}, by file
     * name, each read as a {@code type}.
     */
    static <T> List<T> all(String folder, String prefix, Class<T> type) {
        URL url = KerasFixture.class.getResource(folder);
        if (url == null) {
            throw new IllegalStateException(folder + " is not on the test classpath: see tools/keras-fixtures/README.md");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".json"))
                    .sorted().map(file -> read(file, type)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Keras fixture " + file, e);
        }
    }

    /** {@code sigmoid} or {@code hardSigmoid}, as the fixtures name Keras' gate activations. */
    static GateActivation gates(String name, String gateActivation) {
        return switch (gateActivation) {
            case "sigmoid" -> GateActivation.SIGMOID;
            case "hardSigmoid" -> GateActivation.HARD_SIGMOID;
            default -> throw new IllegalStateException(name + ": unknown gate activation " + gateActivation);
        };
    }

    LstmSpec spec() {
        return new LstmSpec(features, units, gates(name, gateActivation));
    }

    /**
     * A model of this configuration on the engine, with the fixture's weights, and for a stateful model the fixture's
     * initial state, as Keras' {@code set_weights} and {@code reset_states(states)} would give it.
     */
    LstmModel buildOn(LstmEngine engine) {
        return build(engine, spec(), stateful, batchSize, seed, weights, initialState);
    }

    /** A model on the engine with a fixture's weights and, for a stateful one given it, its initial state. */
    static LstmModel build(LstmEngine engine, LstmSpec spec, boolean stateful, int batchSize, long seed,
                           Weights weights, State initialState) {
        ModelConfig config = stateful ? ModelConfig.stateful(spec, batchSize, seed) : ModelConfig.stateless(spec, seed);
        LstmModel model = engine.build(config);
        model.setWeights(weights.canonical());
        if (initialState != null) {
            model.resetStates(initialState.canonical());
        }
        return model;
    }

    /**
     * The state Keras started batch {@code batch} from: the fixture's initial state (or zeros) for the first, the
     * first batch's final state for the second of a stateful model, zeros for a stateless one.
     */
    LstmState stateBefore(int batch) {
        if (batch > 0 && stateful) {
            return batches.get(batch - 1).finalState().canonical();
        }
        return batch == 0 && initialState != null ? initialState.canonical() : LstmState.zeros(batchSize, units);
    }

    /** The inputs of batches 0 to {@code batch}, one after the other: what a stateful row has read by then. */
    double[][][] streamUpTo(int batch) {
        if (!stateful) {
            return batches.get(batch).inputs();
        }
        return Batches.concatenate(batches.subList(0, batch + 1).stream().map(Batch::inputs).toList());
    }

    @Override
    public String toString() {
        return name;
    }
}
