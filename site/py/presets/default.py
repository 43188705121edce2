# Teach a network the complementary colour (hue + 180°).
# Change anything, or move the controls beside the code, then Run.
import colornet as cn

seed = playground.seed  # the Seed box above

# Settings: each "# @param" line is a control beside the code.
colours = 10_000  # @param {type:"slider", min:1000, max:50000, step:1000}
hidden = [64, 32, 16]  # @param {type:"layers", min:1, max:128}
activation = "relu"  # @param ["relu", "tanh", "sigmoid"]
optimizer_name = "Adam"  # @param ["Adam", "SGD"]
lr = 0.008  # @param {type:"slider", min:0.0001, max:0.1, log:true, live:true}
batch_size = 25  # @param {type:"slider", min:1, max:200}
steps = 5000  # @param {type:"slider", min:100, max:20000, step:100}

# The task: a function from colours (n, 3) to target colours (n, 3).
# The swatches, the colour map and the doctor use it too.
playground.target = (playground.data and playground.data.pair_target) or cn.complement

# Data: random colours (channels in [0, 1]) and their targets.
x = playground.data.inputs if playground.data else cn.random_colours(colours, seed)
y = playground.target(x)

# Network: 3 inputs -> hidden layers -> 3 outputs.
# A linear output layer can reach every colour.
net = cn.Network.from_sizes([3, *hidden, 3],
                            hidden=activation, output="linear", seed=seed)

# Cost and optimizer, its learning rate easing to 0 (cosine).
# playground.live("lr", lr): the rate follows the lr control mid-run.
loss = cn.MeanSquaredError()
Optimizer = {"Adam": cn.Adam, "SGD": cn.SGD}[optimizer_name]
optimizer = Optimizer(net.parameters(), lr=playground.live("lr", lr),
                      schedule=cn.CosineDecay(steps))

# Training loop. playground.report draws the cost and the swatches,
# and returns True when you press Stop (the model so far is kept).
result = await cn.train_async(
    net, x, y, loss=loss, optimizer=optimizer,
    batch_size=min(batch_size, len(x)), steps=steps, report_every=25,
    callback=playground.report, seed=seed,
)
print(f"{result.steps} steps, final cost {result.cost:.6f}")
