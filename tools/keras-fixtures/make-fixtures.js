// Writes the Keras fixtures both Java engines are checked against (KerasFixtureProperties), computed by
// TensorFlow.js's layers API, a port of Keras, on its CPU backend: float32 throughout.
// Usage: npm install && node make-fixtures.js [output folder]
//   default output: ../../src/test/resources/keras-fixtures/
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const TFJS_VERSION = require('@tensorflow/tfjs/package.json').version;
const OUT = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'src', 'test', 'resources', 'keras-fixtures'));

/**
 * The configurations. Each takes its own seed, so a case can be added or changed without moving the others' numbers.
 * carriedState starts a stateful model from a state that is not zero, as Keras' reset_states(states) does; saturated
 * scales the dense head up until some outputs leave Keras' clip range.
 */
const CASES = [
  { name: 'stateless-b1-f1-u1-sigmoid', stateful: false, batchSize: 1, features: 1, units: 1, steps: 3, gates: 'sigmoid', seed: 101 },
  { name: 'stateless-b2-f1-u2-sigmoid', stateful: false, batchSize: 2, features: 1, units: 2, steps: 5, gates: 'sigmoid', seed: 102 },
  { name: 'stateless-b3-f2-u3-hardSigmoid', stateful: false, batchSize: 3, features: 2, units: 3, steps: 4, gates: 'hardSigmoid', seed: 103 },
  { name: 'stateful-b1-f1-u2-hardSigmoid-per-step', stateful: true, batchSize: 1, features: 1, units: 2, steps: 1, gates: 'hardSigmoid', seed: 201 },
  { name: 'stateful-b1-f1-u3-sigmoid', stateful: true, batchSize: 1, features: 1, units: 3, steps: 3, gates: 'sigmoid', seed: 202 },
  { name: 'stateful-b2-f2-u1-sigmoid-carried', stateful: true, batchSize: 2, features: 2, units: 1, steps: 3, gates: 'sigmoid', seed: 203, carriedState: true },
  { name: 'stateful-b2-f2-u3-hardSigmoid', stateful: true, batchSize: 2, features: 2, units: 3, steps: 3, gates: 'hardSigmoid', seed: 204 },
  { name: 'stateful-b3-f1-u2-hardSigmoid-carried', stateful: true, batchSize: 3, features: 1, units: 2, steps: 4, gates: 'hardSigmoid', seed: 205, carriedState: true },
  { name: 'stateful-b3-f1-u2-sigmoid-saturated', stateful: true, batchSize: 3, features: 1, units: 2, steps: 3, gates: 'sigmoid', seed: 3355, carriedState: true, saturated: true },
];

/**
 * Logits this far from 0 are clipped by Keras with room to spare. Between ~16.1 and ~16.3 lies the band where
 * float32's 1 - 1e-7 (which rounds to 1 - 2^-23) and double's disagree on whether to clip; beyond 6, a float32
 * probability keeps too few digits of 1 - p for the loss of a wrong target to be compared in double. The saturated
 * case keeps every row clear of both: clipped beyond the first figure, or within the second.
 */
const CLEARLY_CLIPPED_LOGIT = 17.5;
const CLEARLY_UNCLIPPED_LOGIT = 6;
/** h lies in (-1, 1): a head forty times the usual spread puts some logits past the clip and leaves others near 0. */
const SATURATED_HEAD_SCALE = 40;

/**
 * Keras' hard sigmoid is clip(0.2x + 0.5, 0, 1): flat beyond |x| = 2.5. Its cases spread the gate kernels this wide so
 * that some gates sit on the flat parts (value 0 or 1, no gradient) and others on the slope; no pre-activation may
 * come nearer a kink than the margin, where float32 and double could take different sides.
 */
const HARD_SIGMOID_KERNEL_SPREAD = 2.5;
const HARD_SIGMOID_KINK = 2.5;
const KINK_MARGIN = 1e-3;

/** Numerical Recipes' LCG, as in the peer's seed_experiments.js: plain, and the same on every machine. */
function seededRandom(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A float32 value, so the fixture's numbers are exactly what TF.js computes with. */
function uniform(rnd, low, high) {
  return Math.fround(low + (high - low) * rnd());
}

function matrix(rows, cols, next) {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}

function weightsOf(c, rnd) {
  const u = c.units;
  const spread = c.gates === 'hardSigmoid' ? HARD_SIGMOID_KERNEL_SPREAD : 1;
  const kernel = matrix(c.features, 4 * u, () => uniform(rnd, -spread, spread));
  const recurrentKernel = matrix(u, 4 * u, () => uniform(rnd, -spread, spread));
  // Forget bias around 1, as Keras initialises it, so the carried cell matters.
  const bias = Array.from({ length: 4 * u }, (_, k) => Math.fround(uniform(rnd, -0.5, 0.5) + (Math.floor(k / u) === 1 ? 1 : 0)));
  const headScale = c.saturated ? SATURATED_HEAD_SCALE : 1;
  const denseKernel = Array.from({ length: u }, () => Math.fround(headScale * uniform(rnd, -1, 1)));
  const denseBias = Math.fround(headScale * uniform(rnd, -0.2, 0.2));
  return { kernel, recurrentKernel, bias, denseKernel, denseBias };
}

function inputsOf(c, rnd) {
  return Array.from({ length: c.batchSize }, () => matrix(c.steps, c.features, () => uniform(rnd, -1, 1)));
}

function targetsOf(c, rnd) {
  return Array.from({ length: c.batchSize }, () => (rnd() < 0.5 ? 0 : 1));
}

function carriedStateOf(c, rnd) {
  return {
    h: matrix(c.batchSize, c.units, () => uniform(rnd, -0.9, 0.9)),
    c: matrix(c.batchSize, c.units, () => uniform(rnd, -2, 2)),
  };
}

/**
 * An optimizer that applies nothing and keeps the gradients it is given: trainOnBatch then runs Keras' own training
 * step (forward from the carried state, loss, gradient, state carried on) and hands over the gradient before any
 * update rule touches it.
 */
class GradientRecorder extends tf.Optimizer {
  constructor() {
    super();
    this.recorded = null;
  }

  applyGradients(variableGradients) {
    const list = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map(name => ({ name, tensor: variableGradients[name] }));
    this.recorded = list.map(({ name, tensor }) => ({ name, values: tensor.arraySync() }));
  }

  getConfig() {
    return {};
  }

  static get className() {
    return 'GradientRecorder';
  }
}

/** The post's model as Keras builds it: LSTM(units) -> Dense(1, sigmoid), binary cross-entropy. */
function kerasModel(c, weights, optimizer) {
  const model = tf.sequential();
  const shape = c.stateful ? { batchInputShape: [c.batchSize, c.steps, c.features] } : { inputShape: [c.steps, c.features] };
  model.add(tf.layers.lstm({ units: c.units, stateful: c.stateful, recurrentActivation: c.gates, ...shape }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ loss: 'binaryCrossentropy', optimizer });
  model.setWeights([
    tf.tensor2d(weights.kernel), tf.tensor2d(weights.recurrentKernel), tf.tensor1d(weights.bias),
    tf.tensor2d(weights.denseKernel.map(w => [w])), tf.tensor1d([weights.denseBias]),
  ]);
  return model;
}

/**
 * The same LSTM with its state as explicit inputs and outputs: the final h and c of a stateless model, which Keras
 * does not keep, and a check that the stateful model carried what its batch computed.
 */
function stateProbe(c, weights) {
  const x = tf.input({ batchShape: [c.batchSize, c.steps, c.features] });
  const h0 = tf.input({ batchShape: [c.batchSize, c.units] });
  const c0 = tf.input({ batchShape: [c.batchSize, c.units] });
  const lstm = tf.layers.lstm({ units: c.units, returnState: true, recurrentActivation: c.gates });
  const [, h, cell] = lstm.apply(x, { initialState: [h0, c0] });
  const probe = tf.model({ inputs: [x, h0, c0], outputs: [h, cell] });
  lstm.setWeights([tf.tensor2d(weights.kernel), tf.tensor2d(weights.recurrentKernel), tf.tensor1d(weights.bias)]);
  return probe;
}

/** TF.js rounds what it is given to float32: a value that is not already one would be recorded as another number. */
function requireFloat32(what, value) {
  const values = [value].flat(Infinity);
  if (values.some(v => Math.fround(v) !== v)) {
    throw new Error(`${what} holds a value that is not a float32`);
  }
}

/**
 * Where the gates of a hard-sigmoid batch sit, from the LSTM's equations in double: how many pre-activations of the
 * input, forget and output gates fall on the flat parts and on the slope, and how near a kink the nearest comes.
 */
function hardSigmoidGates(c, weights, inputs, incoming) {
  const u = c.units;
  const gate = z => Math.min(1, Math.max(0, 0.2 * z + 0.5));
  const found = { flat: 0, slope: 0, nearestKink: Infinity };
  inputs.forEach((row, r) => {
    let h = incoming.h[r].slice();
    let cell = incoming.c[r].slice();
    for (const x of row) {
      const z = weights.bias.map((b, k) => b + x.reduce((sum, xi, i) => sum + xi * weights.kernel[i][k], 0)
        + h.reduce((sum, hj, j) => sum + hj * weights.recurrentKernel[j][k], 0));
      z.forEach((zk, k) => {
        if (Math.floor(k / u) !== 2) {
          found[Math.abs(zk) > HARD_SIGMOID_KINK ? 'flat' : 'slope']++;
          found.nearestKink = Math.min(found.nearestKink, Math.abs(Math.abs(zk) - HARD_SIGMOID_KINK));
        }
      });
      cell = cell.map((cj, j) => gate(z[u + j]) * cj + gate(z[j]) * Math.tanh(z[2 * u + j]));
      h = cell.map((cj, j) => gate(z[3 * u + j]) * Math.tanh(cj));
    }
  });
  return found;
}

function zeroState(c) {
  return { h: matrix(c.batchSize, c.units, () => 0), c: matrix(c.batchSize, c.units, () => 0) };
}

function carriedBy(model) {
  const [h, cell] = model.layers[0].states;
  return { h: h.arraySync(), c: cell.arraySync() };
}

function sameNumbers(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function gradientInCanonicalLayout(recorded, c) {
  const shapes = ['kernel', 'recurrent_kernel', 'bias', 'kernel', 'bias'];
  if (recorded.length !== shapes.length || recorded.some((g, k) => !g.name.endsWith('/' + shapes[k]))) {
    throw new Error(`${c.name}: unexpected trainable weights ${recorded.map(g => g.name)}`);
  }
  return {
    kernel: recorded[0].values,
    recurrentKernel: recorded[1].values,
    bias: recorded[2].values,
    denseKernel: recorded[3].values.map(row => row[0]),
    denseBias: recorded[4].values[0],
  };
}

/** The logit of each row at the last step, in double, to place the saturated case's rows clear of the clip's edge. */
function logitsOf(weights, h) {
  return h.map(row => row.reduce((sum, hj, j) => sum + hj * weights.denseKernel[j], weights.denseBias));
}

/**
 * The saturated case's targets: in the first batch every row Keras clips is confidently wrong (its loss is the cap,
 * its gradient zero), in the second confidently right; the other rows keep their random targets.
 */
function targetsAgainstTheClip(logits, targets, batch) {
  return logits.map((z, row) => {
    if (Math.abs(z) < CLEARLY_CLIPPED_LOGIT) {
      return targets[row];
    }
    const confident = z > 0 ? 1 : 0;
    return batch === 0 ? 1 - confident : confident;
  });
}

// A hard-sigmoid case must put some gate pre-activations on the flat parts and some on the slope, none near a kink,
// where float32 and double could decide differently; it says where its gates sat.
function requireGatesClearOfKinks(c, gates) {
  if (c.gates === 'hardSigmoid' && (gates.flat === 0 || gates.slope === 0 || gates.nearestKink < KINK_MARGIN)) {
    throw new Error(`${c.name}: hard-sigmoid gates ${JSON.stringify(gates)} do not mix flat and sloped clear of the `
      + 'kinks; choose another seed');
  }
  if (c.gates === 'hardSigmoid') {
    console.log(`${c.name}: ${gates.flat} of ${gates.flat + gates.slope} gate pre-activations on the hard sigmoid's flat `
      + `parts, the nearest ${gates.nearestKink.toPrecision(2)} from a kink`);
  }
}

async function fixtureOf(c) {
  const rnd = seededRandom(c.seed);
  const weights = weightsOf(c, rnd);
  const initialState = c.stateful && c.carriedState ? carriedStateOf(c, rnd) : null;
  Object.entries(weights).forEach(([name, value]) => requireFloat32(`${c.name}: ${name}`, value));
  if (initialState) {
    requireFloat32(`${c.name}: initial state`, [initialState.h, initialState.c]);
  }
  const recorder = new GradientRecorder();
  const model = kerasModel(c, weights, recorder);
  const probe = stateProbe(c, weights);
  if (initialState) {
    model.layers[0].resetStates([tf.tensor2d(initialState.h), tf.tensor2d(initialState.c)]);
  }
  let incoming = initialState || zeroState(c);
  const batches = [];
  const gates = { flat: 0, slope: 0, nearestKink: Infinity };
  for (let b = 0; b < 2; b++) {
    const inputs = inputsOf(c, rnd);
    let targets = targetsOf(c, rnd);
    requireFloat32(`${c.name}: inputs`, inputs);
    const x = tf.tensor3d(inputs);

    if (c.gates === 'hardSigmoid') {
      const found = hardSigmoidGates(c, weights, inputs, incoming);
      gates.flat += found.flat;
      gates.slope += found.slope;
      gates.nearestKink = Math.min(gates.nearestKink, found.nearestKink);
    }
    const [hFinal, cFinal] = probe.predict([x, tf.tensor2d(incoming.h), tf.tensor2d(incoming.c)]);
    const finalState = { h: hFinal.arraySync(), c: cFinal.arraySync() };
    const logits = logitsOf(weights, finalState.h);
    if (c.saturated) {
      targets = targetsAgainstTheClip(logits, targets, b);
      const aboveTheClip = logits.filter(z => z >= CLEARLY_CLIPPED_LOGIT).length;
      const unclipped = logits.filter(z => Math.abs(z) <= CLEARLY_UNCLIPPED_LOGIT).length;
      if (aboveTheClip === 0 || unclipped === 0 || logits.some(z => Math.abs(z) > CLEARLY_UNCLIPPED_LOGIT
          && Math.abs(z) < CLEARLY_CLIPPED_LOGIT)) {
        throw new Error(`${c.name}, batch ${b}: logits ${logits} do not mix rows clearly above the clip with clearly `
          + 'unclipped ones; choose another seed');
      }
    } else if (logits.some(z => Math.abs(z) > CLEARLY_UNCLIPPED_LOGIT)) {
      throw new Error(`${c.name}, batch ${b}: logits ${logits} come near the clip in a case meant to stay clear of it`);
    }
    const y = tf.tensor2d(targets.map(t => [t]));

    // Predictions advance a stateful model's state; the training step must start where the predictions did.
    const predictions = model.predictOnBatch(x).arraySync().map(row => row[0]);
    if (c.stateful) {
      if (!sameNumbers(carriedBy(model), finalState)) {
        throw new Error(`${c.name}, batch ${b}: the stateful model carried another state than its batch computed`);
      }
      model.layers[0].resetStates([tf.tensor2d(incoming.h), tf.tensor2d(incoming.c)]);
    }
    const loss = await model.trainOnBatch(x, y);
    if (c.stateful && !sameNumbers(carriedBy(model), finalState)) {
      throw new Error(`${c.name}, batch ${b}: train_on_batch carried another state than predict_on_batch`);
    }
    batches.push({
      inputs,
      targets,
      predictions,
      finalState,
      loss,
      gradient: gradientInCanonicalLayout(recorder.recorded, c),
    });
    incoming = c.stateful ? finalState : zeroState(c);
  }
  requireGatesClearOfKinks(c, gates);
  return {
    name: c.name,
    producedBy: `@tensorflow/tfjs ${TFJS_VERSION} layers API, ${tf.getBackend()} backend, float32`,
    seed: c.seed,
    stateful: c.stateful,
    batchSize: c.batchSize,
    features: c.features,
    units: c.units,
    steps: c.steps,
    gateActivation: c.gates,
    saturated: Boolean(c.saturated),
    weights,
    initialState,
    batches,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Three further model shapes, written to shapes/ beside the fixtures above (which KerasFixtureProperties reads) and
// computed the same way: per-step outputs under a target mask, two stacked LSTM layers, and a GRU. See README.md.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The further shapes' configurations, each with its own seed. perStep: LSTM(units, returnSequences) ->
 * TimeDistributed(Dense(1, sigmoid)) under a per-step target mask; stacked: LSTM(units[0], returnSequences) ->
 * LSTM(units[1]) -> Dense(1, sigmoid), both layers of equal units, as the Java model's stack; gru: GRU(units) ->
 * Dense(1, sigmoid).
 */
const SHAPE_CASES = [
  { name: 'per-step-stateless-b1-f1-u1-sigmoid', shape: 'perStep', stateful: false, batchSize: 1, features: 1, units: 1, steps: 3, gates: 'sigmoid', seed: 301 },
  { name: 'per-step-stateless-b2-f2-u2-hardSigmoid', shape: 'perStep', stateful: false, batchSize: 2, features: 2, units: 2, steps: 4, gates: 'hardSigmoid', seed: 302 },
  { name: 'per-step-stateful-b1-f1-u2-sigmoid', shape: 'perStep', stateful: true, batchSize: 1, features: 1, units: 2, steps: 2, gates: 'sigmoid', seed: 303 },
  { name: 'per-step-stateful-b2-f1-u3-sigmoid-carried', shape: 'perStep', stateful: true, batchSize: 2, features: 1, units: 3, steps: 3, gates: 'sigmoid', seed: 304, carriedState: true },
  { name: 'per-step-stateful-b3-f2-u2-hardSigmoid-carried', shape: 'perStep', stateful: true, batchSize: 3, features: 2, units: 2, steps: 4, gates: 'hardSigmoid', seed: 305, carriedState: true },
  { name: 'stacked-stateless-b1-f1-u2-u2-sigmoid', shape: 'stacked', stateful: false, batchSize: 1, features: 1, units: [2, 2], steps: 3, gates: 'sigmoid', seed: 401 },
  { name: 'stacked-stateless-b2-f2-u3-u3-hardSigmoid', shape: 'stacked', stateful: false, batchSize: 2, features: 2, units: [3, 3], steps: 4, gates: 'hardSigmoid', seed: 402 },
  { name: 'stacked-stateful-b1-f1-u1-u1-sigmoid', shape: 'stacked', stateful: true, batchSize: 1, features: 1, units: [1, 1], steps: 2, gates: 'sigmoid', seed: 403 },
  { name: 'stacked-stateful-b2-f1-u2-u2-sigmoid-carried', shape: 'stacked', stateful: true, batchSize: 2, features: 1, units: [2, 2], steps: 3, gates: 'sigmoid', seed: 404, carriedState: true },
  { name: 'stacked-stateful-b3-f2-u3-u3-hardSigmoid-carried', shape: 'stacked', stateful: true, batchSize: 3, features: 2, units: [3, 3], steps: 3, gates: 'hardSigmoid', seed: 405, carriedState: true },
  { name: 'gru-stateless-b1-f1-u1-sigmoid', shape: 'gru', stateful: false, batchSize: 1, features: 1, units: 1, steps: 3, gates: 'sigmoid', seed: 501 },
  { name: 'gru-stateless-b2-f2-u3-hardSigmoid', shape: 'gru', stateful: false, batchSize: 2, features: 2, units: 3, steps: 4, gates: 'hardSigmoid', seed: 502 },
  { name: 'gru-stateful-b1-f1-u2-sigmoid-per-step', shape: 'gru', stateful: true, batchSize: 1, features: 1, units: 2, steps: 1, gates: 'sigmoid', seed: 503 },
  { name: 'gru-stateful-b2-f2-u2-sigmoid-carried', shape: 'gru', stateful: true, batchSize: 2, features: 2, units: 2, steps: 3, gates: 'sigmoid', seed: 504, carriedState: true },
  { name: 'gru-stateful-b3-f1-u3-hardSigmoid-carried', shape: 'gru', stateful: true, batchSize: 3, features: 1, units: 3, steps: 4, gates: 'hardSigmoid', seed: 505, carriedState: true },
];

/** Share of the per-step cases' steps that carry a target; every batch keeps at least one step with and one without. */
const TARGET_SHARE = 0.6;
/** sigmoid(+-6): every prediction of the further shapes stays inside, well clear of Keras' clip (see above). */
const UNCLIPPED_LOW = 1 / (1 + Math.exp(CLEARLY_UNCLIPPED_LOGIT));
const UNCLIPPED_HIGH = 1 - UNCLIPPED_LOW;

/** One recurrent layer's weights, gates side by side in Keras' order: LSTM i, f, c, o (4u); GRU z, r, h (3u). */
function recurrentWeightsOf(rnd, cell, features, units, gates) {
  const n = cell === 'gru' ? 3 : 4;
  const spread = gates === 'hardSigmoid' ? HARD_SIGMOID_KERNEL_SPREAD : 1;
  const kernel = matrix(features, n * units, () => uniform(rnd, -spread, spread));
  const recurrentKernel = matrix(units, n * units, () => uniform(rnd, -spread, spread));
  // An LSTM's forget bias around 1, as Keras initialises it; a GRU's biases around 0.
  const forget = k => (cell === 'lstm' && Math.floor(k / units) === 1 ? 1 : 0);
  const bias = Array.from({ length: n * units }, (_, k) => Math.fround(uniform(rnd, -0.5, 0.5) + forget(k)));
  return { kernel, recurrentKernel, bias };
}

function headOf(rnd, units) {
  const denseKernel = Array.from({ length: units }, () => uniform(rnd, -1, 1));
  const denseBias = uniform(rnd, -0.2, 0.2);
  return { denseKernel, denseBias };
}

function shapeWeightsOf(c, rnd) {
  if (c.shape === 'stacked') {
    const first = recurrentWeightsOf(rnd, 'lstm', c.features, c.units[0], c.gates);
    const second = recurrentWeightsOf(rnd, 'lstm', c.units[0], c.units[1], c.gates);
    return { layers: [first, second], ...headOf(rnd, c.units[1]) };
  }
  return { ...recurrentWeightsOf(rnd, c.shape === 'gru' ? 'gru' : 'lstm', c.features, c.units, c.gates), ...headOf(rnd, c.units) };
}

/** The recurrent layers of a case, first to last: their cell and units. */
function layersOf(c) {
  if (c.shape === 'stacked') {
    return c.units.map(units => ({ cell: 'lstm', units }));
  }
  return [{ cell: c.shape === 'gru' ? 'gru' : 'lstm', units: c.units }];
}

function layerWeights(c, weights, l) {
  return c.shape === 'stacked' ? weights.layers[l] : weights;
}

function zeroLayerState(c, layer) {
  const zeros = () => matrix(c.batchSize, layer.units, () => 0);
  return layer.cell === 'gru' ? { h: zeros() } : { h: zeros(), c: zeros() };
}

function carriedLayerState(c, layer, rnd) {
  const h = matrix(c.batchSize, layer.units, () => uniform(rnd, -0.9, 0.9));
  return layer.cell === 'gru' ? { h } : { h, c: matrix(c.batchSize, layer.units, () => uniform(rnd, -2, 2)) };
}

function stateTensors(state) {
  return state.c === undefined ? [tf.tensor2d(state.h)] : [tf.tensor2d(state.h), tf.tensor2d(state.c)];
}

function recurrentLayer(layer, c, options) {
  const make = layer.cell === 'gru' ? tf.layers.gru : tf.layers.lstm;
  return make({ units: layer.units, recurrentActivation: c.gates, ...options });
}

function recurrentTensors(w) {
  return [tf.tensor2d(w.kernel), tf.tensor2d(w.recurrentKernel), tf.tensor1d(w.bias)];
}

/**
 * The per-step cases' loss: Keras' binaryCrossentropy at every step (clip included), weighted by the target mask and
 * divided by the number of steps with a target, which is what Keras 2 makes of temporal sample weights of 0 and 1.
 * TF.js's layers API has no sample weights (trainOnBatch takes none; fit throws 'sample weight is not supported
 * yet'), so the model is compiled with this loss, the mask of the batch at hand set before each trainOnBatch.
 */
function maskedBinaryCrossentropy(maskHolder) {
  return (yTrue, yPred) => tf.tidy(() => {
    const perStep = tf.metrics.binaryCrossentropy(yTrue, yPred);
    return tf.div(tf.sum(tf.mul(perStep, maskHolder.mask)), tf.sum(maskHolder.mask));
  });
}

/** The case's model, as Keras builds it, with the fixture's weights. */
function shapeModel(c, weights, optimizer, maskHolder) {
  const model = tf.sequential();
  const shape = c.stateful ? { batchInputShape: [c.batchSize, c.steps, c.features] } : { inputShape: [c.steps, c.features] };
  const layers = layersOf(c);
  layers.forEach((layer, l) => {
    const returnSequences = c.shape === 'perStep' || l < layers.length - 1;
    model.add(recurrentLayer(layer, c, { stateful: c.stateful, returnSequences, ...(l === 0 ? shape : {}) }));
  });
  const dense = tf.layers.dense({ units: 1, activation: 'sigmoid' });
  model.add(c.shape === 'perStep' ? tf.layers.timeDistributed({ layer: dense }) : dense);
  model.compile({ loss: c.shape === 'perStep' ? maskedBinaryCrossentropy(maskHolder) : 'binaryCrossentropy', optimizer });
  const last = layers[layers.length - 1].units;
  model.setWeights([
    ...layers.flatMap((_, l) => recurrentTensors(layerWeights(c, weights, l))),
    tf.tensor2d(weights.denseKernel.map(w => [w])), tf.tensor1d([weights.denseBias]),
  ]);
  if (model.layers[layers.length].getWeights()[0].shape[0] !== last) {
    throw new Error(`${c.name}: the dense head does not read ${last} units`);
  }
  return model;
}

/** The same recurrent layers with every layer's state as explicit inputs and outputs, as stateProbe above. */
function shapeStateProbe(c, weights) {
  const layers = layersOf(c);
  const x = tf.input({ batchShape: [c.batchSize, c.steps, c.features] });
  const stateInputs = [];
  const stateOutputs = [];
  const built = [];
  let sequence = x;
  layers.forEach((layer, l) => {
    const initial = (layer.cell === 'gru' ? [0] : [0, 1]).map(() => tf.input({ batchShape: [c.batchSize, layer.units] }));
    const rnn = recurrentLayer(layer, c, { returnSequences: true, returnState: true });
    const [out, ...state] = rnn.apply(sequence, { initialState: initial });
    stateInputs.push(...initial);
    stateOutputs.push(...state);
    built.push(rnn);
    sequence = out;
  });
  const probe = tf.model({ inputs: [x, ...stateInputs], outputs: stateOutputs });
  built.forEach((rnn, l) => rnn.setWeights(recurrentTensors(layerWeights(c, weights, l))));
  return probe;
}

/** Every layer's state, from the probe's outputs in order (h and c of an LSTM, h of a GRU). */
function statesFrom(c, tensors) {
  let k = 0;
  return layersOf(c).map(layer => (layer.cell === 'gru'
    ? { h: tensors[k++].arraySync() }
    : { h: tensors[k++].arraySync(), c: tensors[k++].arraySync() }));
}

function carriedByLayers(model, c) {
  return layersOf(c).map((layer, l) => {
    const [h, cell] = model.layers[l].states;
    return layer.cell === 'gru' ? { h: h.arraySync() } : { h: h.arraySync(), c: cell.arraySync() };
  });
}

function resetLayers(model, states) {
  states.forEach((state, l) => model.layers[l].resetStates(stateTensors(state)));
}

const sigmoid = z => 1 / (1 + Math.exp(-z));
const hardSigmoid = z => Math.min(1, Math.max(0, 0.2 * z + 0.5));
const dot = (v, m, k) => v.reduce((sum, vi, i) => sum + vi * m[i][k], 0);

/**
 * The layers' equations in double, for where the gates of a hard-sigmoid batch sit: each gate pre-activation (LSTM
 * i, f, o; GRU z, r) is counted as on the flat parts or on the slope, with the nearest distance to a kink.
 */
function gatesInDouble(c, weights, inputs, incoming, found) {
  const gate = c.gates === 'hardSigmoid' ? hardSigmoid : sigmoid;
  const note = z => {
    found[Math.abs(z) > HARD_SIGMOID_KINK ? 'flat' : 'slope']++;
    found.nearestKink = Math.min(found.nearestKink, Math.abs(Math.abs(z) - HARD_SIGMOID_KINK));
  };
  inputs.forEach((row, r) => {
    let sequence = row;
    layersOf(c).forEach((layer, l) => {
      const w = layerWeights(c, weights, l);
      const u = layer.units;
      let h = incoming[l].h[r].slice();
      let cell = layer.cell === 'lstm' ? incoming[l].c[r].slice() : null;
      sequence = sequence.map(x => {
        const zx = w.bias.map((b, k) => b + dot(x, w.kernel, k));
        if (layer.cell === 'lstm') {
          const z = zx.map((v, k) => v + dot(h, w.recurrentKernel, k));
          z.forEach((v, k) => (Math.floor(k / u) !== 2 ? note(v) : null));
          cell = cell.map((cj, j) => gate(z[u + j]) * cj + gate(z[j]) * Math.tanh(z[2 * u + j]));
          h = cell.map((cj, j) => gate(z[3 * u + j]) * Math.tanh(cj));
        } else {
          const zr = Array.from({ length: 2 * u }, (_, k) => zx[k] + dot(h, w.recurrentKernel, k));
          zr.forEach(note);
          const rh = h.map((hj, j) => gate(zr[u + j]) * hj);
          const hh = h.map((_, j) => Math.tanh(zx[2 * u + j] + dot(rh, w.recurrentKernel, 2 * u + j)));
          h = h.map((hj, j) => gate(zr[j]) * hj + (1 - gate(zr[j])) * hh[j]);
        }
        return h;
      });
    });
  });
}

function shapeGradient(recorded, c) {
  const expected = [...layersOf(c).flatMap(() => ['kernel', 'recurrent_kernel', 'bias']), 'kernel', 'bias'];
  if (recorded.length !== expected.length || recorded.some((g, k) => !g.name.endsWith('/' + expected[k]))) {
    throw new Error(`${c.name}: unexpected trainable weights ${recorded.map(g => g.name)}`);
  }
  const recurrent = layersOf(c).map((_, l) => ({
    kernel: recorded[3 * l].values,
    recurrentKernel: recorded[3 * l + 1].values,
    bias: recorded[3 * l + 2].values,
  }));
  const head = {
    denseKernel: recorded[expected.length - 2].values.map(row => row[0]),
    denseBias: recorded[expected.length - 1].values[0],
  };
  return c.shape === 'stacked' ? { layers: recurrent, ...head } : { ...recurrent[0], ...head };
}

/** Every number in a value of nested objects and arrays. */
function numbersOf(value) {
  if (typeof value === 'number') {
    return [value];
  }
  return Object.values(value).flatMap(numbersOf);
}

/** A target mask of 0s and 1s, [rows][steps], with at least one step with a target and one without. */
function targetMaskOf(c, rnd) {
  for (;;) {
    const mask = matrix(c.batchSize, c.steps, () => (rnd() < TARGET_SHARE ? 1 : 0));
    const ones = mask.flat().filter(m => m === 1).length;
    if (ones > 0 && ones < c.batchSize * c.steps) {
      return mask;
    }
  }
}

/** A fixture's state field: one layer's state for a single recurrent layer, the list of them for a stack. */
function stateField(c, states) {
  return c.shape === 'stacked' ? states : states[0];
}

async function shapeFixtureOf(c) {
  const rnd = seededRandom(c.seed);
  const layers = layersOf(c);
  const weights = shapeWeightsOf(c, rnd);
  const initialState = c.stateful && c.carriedState ? layers.map(layer => carriedLayerState(c, layer, rnd)) : null;
  requireFloat32(`${c.name}: weights`, numbersOf(weights));
  if (initialState) {
    requireFloat32(`${c.name}: initial state`, numbersOf(initialState));
  }
  const recorder = new GradientRecorder();
  const maskHolder = { mask: null };
  const model = shapeModel(c, weights, recorder, maskHolder);
  const probe = shapeStateProbe(c, weights);
  const zeros = () => layers.map(layer => zeroLayerState(c, layer));
  if (initialState) {
    resetLayers(model, initialState);
  }
  let incoming = initialState || zeros();
  const batches = [];
  const gates = { flat: 0, slope: 0, nearestKink: Infinity };
  for (let b = 0; b < 2; b++) {
    const inputs = inputsOf(c, rnd);
    requireFloat32(`${c.name}: inputs`, inputs);
    const perStep = c.shape === 'perStep';
    const targets = perStep ? matrix(c.batchSize, c.steps, () => (rnd() < 0.5 ? 0 : 1)) : targetsOf(c, rnd);
    const targetMask = perStep ? targetMaskOf(c, rnd) : null;
    const x = tf.tensor3d(inputs);
    if (c.gates === 'hardSigmoid') {
      gatesInDouble(c, weights, inputs, incoming, gates);
    }
    // A probe with one output (a GRU's h) hands back the tensor itself.
    const finalState = statesFrom(c, [].concat(probe.predict([x, ...incoming.flatMap(stateTensors)])));

    // Predictions advance a stateful model's state; the training step must start where the predictions did.
    const predicted = model.predictOnBatch(x).arraySync();
    const predictions = perStep ? predicted.map(row => row.map(step => step[0])) : predicted.map(row => row[0]);
    if (predictions.flat().some(p => p < UNCLIPPED_LOW || p > UNCLIPPED_HIGH)) {
      throw new Error(`${c.name}, batch ${b}: predictions ${predictions} come near the clip; choose another seed`);
    }
    if (c.stateful) {
      if (!sameNumbers(carriedByLayers(model, c), finalState)) {
        throw new Error(`${c.name}, batch ${b}: the stateful model carried another state than its batch computed`);
      }
      resetLayers(model, incoming);
    }
    const y = perStep ? tf.tensor3d(targets.map(row => row.map(t => [t]))) : tf.tensor2d(targets.map(t => [t]));
    maskHolder.mask = perStep ? tf.tensor2d(targetMask) : null;
    const loss = await model.trainOnBatch(x, y);
    if (c.stateful && !sameNumbers(carriedByLayers(model, c), finalState)) {
      throw new Error(`${c.name}, batch ${b}: train_on_batch carried another state than predict_on_batch`);
    }
    if (perStep) {
      // The masked mean again, in double from the recorded predictions: the loss is the one meant.
      const terms = predictions.flatMap((row, r) => row.map((p, t) => targetMask[r][t]
        * -(targets[r][t] * Math.log(p) + (1 - targets[r][t]) * Math.log(1 - p))));
      const expected = terms.reduce((s, v) => s + v, 0) / targetMask.flat().reduce((s, v) => s + v, 0);
      if (Math.abs(expected - loss) > 1e-5 * Math.max(1, expected)) {
        throw new Error(`${c.name}, batch ${b}: loss ${loss} is not the masked mean ${expected}`);
      }
    }
    batches.push({
      inputs,
      targets,
      ...(perStep ? { targetMask } : {}),
      predictions,
      finalState: stateField(c, finalState),
      loss,
      gradient: shapeGradient(recorder.recorded, c),
    });
    incoming = c.stateful ? finalState : zeros();
  }
  requireGatesClearOfKinks(c, gates);
  return {
    name: c.name,
    producedBy: `@tensorflow/tfjs ${TFJS_VERSION} layers API, ${tf.getBackend()} backend, float32`,
    seed: c.seed,
    shape: c.shape,
    cell: c.shape === 'gru' ? 'gru' : 'lstm',
    ...(c.shape === 'gru' ? { resetAfter: false } : {}),
    stateful: c.stateful,
    batchSize: c.batchSize,
    features: c.features,
    units: c.units,
    steps: c.steps,
    gateActivation: c.gates,
    weights,
    initialState: initialState && stateField(c, initialState),
    batches,
  };
}

/** JSON with every innermost array of numbers on one line: the fixtures stay readable and their diffs small. */
function formatted(value, indent = '') {
  if (Array.isArray(value) && value.every(v => typeof v === 'number')) {
    return '[' + value.map(v => JSON.stringify(v)).join(', ') + ']';
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    return '[\n' + value.map(v => inner + formatted(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => inner + JSON.stringify(k) + ': ' + formatted(v, inner));
    return '{\n' + entries.join(',\n') + '\n' + indent + '}';
  }
  return JSON.stringify(value);
}

(async () => {
  await tf.setBackend('cpu');
  fs.mkdirSync(OUT, { recursive: true });
  for (const c of CASES) {
    const fixture = await fixtureOf(c);
    fs.writeFileSync(path.join(OUT, c.name + '.json'), formatted(fixture) + '\n');
    console.log(`${c.name}: losses ${fixture.batches.map(b => b.loss).join(', ')}`);
  }
  const shapes = path.join(OUT, 'shapes');
  fs.mkdirSync(shapes, { recursive: true });
  for (const c of SHAPE_CASES) {
    const fixture = await shapeFixtureOf(c);
    fs.writeFileSync(path.join(shapes, c.name + '.json'), formatted(fixture) + '\n');
    console.log(`shapes/${c.name}: losses ${fixture.batches.map(b => b.loss).join(', ')}`);
  }
})().catch(e => {
  console.error(e);
  process.exit(1);
});
