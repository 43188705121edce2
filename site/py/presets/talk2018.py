# The net from the 2018 talk: 3 -> 64 -> 32 -> 16 -> 3,
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
