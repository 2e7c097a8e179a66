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
  if (c.gates === 'hardSigmoid' && (gates.flat === 0 || gates.slope === 0 || gates.nearestKink < KINK_MARGIN)) {
    throw new Error(`${c.name}: hard-sigmoid gates ${JSON.stringify(gates)} do not mix flat and sloped clear of the `
      + 'kinks; choose another seed');
  }
  if (c.gates === 'hardSigmoid') {
    console.log(`${c.name}: ${gates.flat} of ${gates.flat + gates.slope} gate pre-activations on the hard sigmoid's flat `
      + `parts, the nearest ${gates.nearestKink.toPrecision(2)} from a kink`);
  }
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
})().catch(e => {
  console.error(e);
  process.exit(1);
});
