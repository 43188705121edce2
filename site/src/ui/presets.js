// The editor's starting scripts. Each is plain training code: data → network → cost → optimizer → loop.
// `playground` is the page, injected by site/py/playground.py: `playground.seed` is the Seed box and
// `playground.report` the progress callback (it draws the chart and swatches and returns True on Stop).
// `default` is the recipe of colornet's `default` preset (pylib/colornet/presets.py), but seeds the data and the
// weights each from the Seed box (the preset draws both from one generator), so its numbers differ.
// `talk2018` is the 2018 talk's net without the demo's learning-rate decay (x0.85 every 42 steps).

const DEFAULT = `# Teach a network the complementary colour (hue + 180°).
# Change anything, then press Run (Ctrl/Cmd+Enter).
import colornet as cn

seed = playground.seed  # the Seed box above

# The task: a function from colours (n, 3) to target colours (n, 3).
# The swatches, the colour map and the doctor use it too.
playground.target = cn.complement

# Data: random colours (channels in [0, 1]) and their targets.
x = cn.random_colours(10_000, seed)
y = playground.target(x)

# Network: 3 inputs -> hidden layers -> 3 outputs.
# A linear output layer can reach every colour.
net = cn.Network.from_sizes([3, 64, 32, 16, 3],
                            hidden="relu", output="linear", seed=seed)

# Cost and optimizer: Adam, its learning rate easing to 0 (cosine).
steps = 5000
loss = cn.MeanSquaredError()
optimizer = cn.Adam(net.parameters(), lr=0.008,
                    schedule=cn.CosineDecay(steps))

# Training loop. playground.report draws the cost and the swatches,
# and returns True when you press Stop (the model so far is kept).
result = await cn.train_async(
    net, x, y, loss=loss, optimizer=optimizer,
    batch_size=25, steps=steps, report_every=25,
    callback=playground.report, seed=seed,
)
print(f"{result.steps} steps, final cost {result.cost:.6f}")
`;

const TALK2018 = `# The net from the 2018 talk: 3 -> 64 -> 32 -> 16 -> 3,
# ReLU on every layer (the output too), plain gradient descent at
# 0.042, 10,000 colours, batches of 25, 1000 steps. (The talk's demo
# also decayed the rate x0.85 every 42 steps: schedule=cn.StepDecay().)
# A ReLU output cannot go below 0: on some seeds an output channel
# dies and stays at 0. Try another seed, or the default preset.
import colornet as cn

seed = playground.seed  # the Seed box above
playground.target = cn.complement  # the task (swatches, map, doctor)

x = cn.random_colours(10_000, seed)
y = playground.target(x)

net = cn.Network.from_sizes([3, 64, 32, 16, 3],
                            hidden="relu", output="relu", seed=seed)
loss = cn.MeanSquaredError()
optimizer = cn.SGD(net.parameters(), lr=0.042)

result = await cn.train_async(
    net, x, y, loss=loss, optimizer=optimizer,
    batch_size=25, steps=1000, report_every=5,
    callback=playground.report, seed=seed,
)
print(f"{result.steps} steps, final cost {result.cost:.6f}")
`;

export const PRESETS = Object.freeze({ default: DEFAULT, talk2018: TALK2018 });

export function presetScript(name) {
  return PRESETS[name] ?? PRESETS.default;
}
