package io.github.statefullstm.rnn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One configuration of a one-output model as an independent Keras implementation computed it: TensorFlow.js's layers
 * API, float32, written by {@code tools/keras-fixtures/make-fixtures.js} to {@code src/test/resources/keras-fixtures/}
 * (the post's LSTM) and to its {@code shapes/} folder (a GRU, {@code gru-*}, and two stacked LSTM layers,
 * {@code stacked-*}). Weights, inputs and the initial state are float32 values written as the exact doubles they are,
 * so an engine given them computes from exactly what Keras computed from; what comes back (predictions, states,
 * losses, gradients) carries float32 rounding.
 *
 * @param cell {@code lstm} or {@code gru}; absent (the post's LSTM) in the top folder's files
 * @param resetAfter a GRU's Keras setting, false (the only variant TF.js has); absent for an LSTM
 * @param units a layer's units, or for a stack each layer's units, first to last
 * @param initialState the state a stateful model starts from; {@code null} for zeros
 * @param batches two consecutive batches, the second starting where the first left a stateful model
 */
record KerasFixture(String name, String producedBy, long seed, String shape, String cell, Boolean resetAfter,
                    boolean stateful,
                    int batchSize, int features, JsonNode units, int steps, String gateActivation, boolean saturated,
                    Weights weights, State initialState, List<Batch> batches) {

    private static final String FOLDER = "/keras-fixtures";
    private static final String SHAPES = "/keras-fixtures/shapes";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Weights, or a gradient, in the canonical layout of {@link LstmWeights}: one layer's {@code kernel},
     * {@code recurrentKernel} and {@code bias} beside the head's {@code denseKernel} and {@code denseBias}, or for a
     * stack a list of such {@code layers}. The cell is what the kernels' width says: four gate blocks an LSTM, three a
     * GRU.
     */
    record Weights(LstmWeights canonical) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Weights of(JsonNode node) {
            List<JsonNode> layers = new ArrayList<>();
            node.path("layers").forEach(layers::add);
            if (layers.isEmpty()) {
                layers.add(node);
            }
            double[] dense = read(node.get("denseKernel"), double[].class);
            Cell cell = read(layers.get(0).get("bias"), double[].class).length == Cell.GRU.gates() * dense.length
                    ? Cell.GRU : Cell.LSTM;
            return new Weights(new LstmWeights(cell,
                    layers.stream().map(l -> read(l.get("kernel"), double[][].class)).toList(),
                    layers.stream().map(l -> read(l.get("recurrentKernel"), double[][].class)).toList(),
                    layers.stream().map(l -> read(l.get("bias"), double[].class)).toList(),
                    dense, node.get("denseBias").asDouble()));
        }
    }

    /** A state: one layer's {@code h} and {@code c} (a GRU's h alone), or for a stack a list of them, first to last. */
    record State(LstmState canonical) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static State of(JsonNode node) {
            List<JsonNode> layers = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(layers::add);
            } else {
                layers.add(node);
            }
            double[][][] h = layers.stream().map(l -> read(l.get("h"), double[][].class)).toArray(double[][][]::new);
            double[][][] c = layers.get(0).has("c")
                    ? layers.stream().map(l -> read(l.get("c"), double[][].class)).toArray(double[][][]::new)
                    : null;
            return new State(LstmState.ofLayers(h, c));
        }
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One batch and what Keras made of it from the state it started in: the prediction of each row, the final state
     * of each row, the mean binary cross-entropy, and its gradient before any optimizer step.
     */
    record Batch(double[][][] inputs, double[] targets, double[] predictions, State finalState, double loss,
                 Weights gradient) {
    }

    /** Every fixture of the post's LSTM in the test resources, by file name. */
    static List<KerasFixture> all() {
        return all(FOLDER, "", KerasFixture.class);
    }

    /** Every fixture of the further one-output shapes, a GRU and a stack, by file name. */
    static List<KerasFixture> furtherShapes() {
        List<KerasFixture> shapes = new ArrayList<>(all(SHAPES, "gru-", KerasFixture.class));
        shapes.addAll(all(SHAPES, "stacked-", KerasFixture.class));
        return shapes;
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
        int layers = units.isArray() ? units.size() : 1;
        int perLayer = units.isArray() ? units.get(0).asInt() : units.asInt();
        for (int layer = 0; layer < layers; layer++) {
            if (units.isArray() && units.get(layer).asInt() != perLayer) {
                throw new IllegalStateException(name + ": the model's layers have equal units, this stack has " + units);
            }
        }
        if (Boolean.TRUE.equals(resetAfter)) {
            throw new IllegalStateException(name + ": a GRU with reset_after=True is not the model's GRU (Cell.GRU)");
        }
        return new LstmSpec(features, perLayer, gates(name, gateActivation), "gru".equals(cell) ? Cell.GRU : Cell.LSTM,
                layers);
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
        return batch == 0 && initialState != null ? initialState.canonical() : LstmState.zeros(spec(), batchSize);
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
