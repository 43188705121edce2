# Teach a network the complementary colour (hue + 180°).
# Change anything, then press Run (Ctrl/Cmd+Enter).
import colornet as cn

seed = playground.seed  # the Seed box above

# The task: a function from colours (n, 3) to target colours (n, 3).
# The swatches, the colour map and the doctor use it too.
playground.target = (playground.data and playground.data.pair_target) or cn.complement

# Data: random colours (channels in [0, 1]) and their targets.
x = playground.data.inputs if playground.data else cn.random_colours(10_000, seed)
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
    batch_size=min(25, len(x)), steps=steps, report_every=25,
    callback=playground.report, seed=seed,
)
print(f"{result.steps} steps, final cost {result.cost:.6f}")
