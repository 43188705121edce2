# The net from the 2018 talk: 3 -> 64 -> 32 -> 16 -> 3,
# ReLU on every layer (the output too), plain gradient descent at
# 0.042, 10,000 colours, batches of 25, 1000 steps. (The talk's demo
# also decayed the rate x0.85 every 42 steps: schedule=cn.StepDecay().)
# A ReLU output cannot go below 0: on some seeds an output channel
# dies and stays at 0. Try another seed, or the default preset.
import colornet as cn

seed = playground.seed  # the Seed box above
playground.target = cn.complement  # the task (swatches, map, doctor)

colours = 10_000  # @param {type:"slider", min:1000, max:50000, step:1000}
hidden = [64, 32, 16]  # @param {type:"layers", min:1, max:128}
activation = "relu"  # @param ["relu", "tanh", "sigmoid"]
optimizer_name = "SGD"  # @param ["SGD", "Adam"]
lr = 0.042  # @param {type:"slider", min:0.001, max:1, log:true}
batch_size = 25  # @param {type:"slider", min:1, max:200}
steps = 1000  # @param {type:"slider", min:100, max:20000, step:100}

x = cn.random_colours(colours, seed)
y = playground.target(x)

net = cn.Network.from_sizes([3, *hidden, 3],
                            hidden=activation, output="relu", seed=seed)
loss = cn.MeanSquaredError()
Optimizer = {"SGD": cn.SGD, "Adam": cn.Adam}[optimizer_name]
optimizer = Optimizer(net.parameters(), lr=lr)

result = await cn.train_async(
    net, x, y, loss=loss, optimizer=optimizer,
    batch_size=batch_size, steps=steps, report_every=5,
    callback=playground.report, seed=seed,
)
print(f"{result.steps} steps, final cost {result.cost:.6f}")
