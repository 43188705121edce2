"""Every bad input gives a ValueError (or TypeError) that names the bad value and what is allowed."""
import math

import numpy as np
import pytest

import colornet as cn


def params():
    return cn.Network.from_sizes([3, 4, 3]).parameters()


def data(n=50):
    x = cn.random_colours(n, 0)
    return x, cn.complement(x)


BAD = [
    (lambda: cn.SGD(params(), lr=-0.1), "lr must be a positive finite number, got -0.1"),
    (lambda: cn.SGD(params(), lr=0), "lr must be a positive finite number, got 0"),
    (lambda: cn.SGD(params(), lr=math.nan), "lr must be a positive finite number, got nan"),
    (lambda: cn.Adam(params(), lr=math.inf), "lr must be a positive finite number, got inf"),
    (lambda: cn.Adam(params(), lr="0.1"), "lr must be a positive finite number, got '0.1'"),
    (lambda: cn.SGD(params(), lr=0.1, momentum=1.0), "momentum must be a number in [0, 1), got 1.0"),
    (lambda: cn.SGD(params(), lr=0.1, momentum=-0.5), "momentum must be a number in [0, 1), got -0.5"),
    (lambda: cn.Adam(params(), beta1=1.5), "beta1 must be a number in [0, 1), got 1.5"),
    (lambda: cn.SGD([], lr=0.1), "optimizer got no parameters"),
    (lambda: cn.StepDecay(factor=0), "decay factor must be a number in (0, 1], got 0"),
    (lambda: cn.StepDecay(every=0), "'every' must be an integer >= 1, got 0"),
    (lambda: cn.Dense(0, 3), "n_in must be an integer >= 1, got 0"),
    (lambda: cn.Dense(3, 2.5), "n_out must be an integer >= 1, got 2.5"),
    (lambda: cn.Dense(3, 3, init="xavier"), "init must be one of he, glorot, got 'xavier'"),
    (lambda: cn.Network.from_sizes([3, 0, 3]), "layer size 1 must be an integer >= 1, got 0"),
    (lambda: cn.Network.from_sizes([3]), "sizes must be a list of at least two layer widths"),
    (lambda: cn.Network.from_sizes([3, 8, 3], hidden="swish"),
     "activation must be one of relu, sigmoid, tanh, linear, got 'swish'"),
    (lambda: cn.Network.from_sizes([3, 8, 3], output="softmax"),
     "activation must be one of relu, sigmoid, tanh, linear, got 'softmax'"),
    (lambda: cn.Network.from_sizes([3, 8, 3], dtype="int32"), "dtype must be one of float64, float32, got 'int32'"),
    (lambda: cn.Network.from_sizes([3, 8, 3], seed=-1), "seed must be a non-negative integer"),
    (lambda: cn.Network([]), "needs at least one layer"),
    (lambda: cn.ShuffledBatches(*data(), 0, 0), "batch_size must be an integer >= 1, got 0"),
    (lambda: cn.ShuffledBatches(*data(50), 51, 0), "batch_size must not exceed the number of examples (50), got 51"),
    (lambda: cn.ShuffledBatches(data()[0], data(40)[1], 5, 0), "same number of rows, got 50 and 40"),
    (lambda: cn.ShuffledBatches(np.zeros(5), np.zeros(5), 1, 0), "must be 2-D arrays"),
    (lambda: cn.train(cn.Network.from_sizes([3, 4, 3]), *data(), steps=-1), "steps must be an integer >= 0, got -1"),
    (lambda: cn.train(cn.Network.from_sizes([3, 4, 3]), *data(), batch_size=0),
     "batch_size must be an integer >= 1, got 0"),
    (lambda: cn.train(cn.Network.from_sizes([3, 4, 3]), *data(), report_every=0),
     "report_every must be an integer >= 1, got 0"),
    (lambda: cn.train(cn.Network.from_sizes([3, 4, 3]), *data(), callback=5), "callback must be callable"),
    (lambda: cn.random_colours(0, 0), "number of colours must be an integer >= 1, got 0"),
    (lambda: cn.from_hex("#ff00"), "colour must look like '#rrggbb' (six hex digits), got '#ff00'"),
    (lambda: cn.from_hex("#gg0000"), "got '#gg0000'"),
    (lambda: cn.from_255([300, 0, 0]), "0-255 channels must lie in 0..255"),
    (lambda: cn.complement([1.0, 0.5]), "colours must have 3 channels"),
    (lambda: cn.get_preset("fast"), "preset must be one of talk2018, default, got 'fast'"),
    (lambda: cn.get_preset("default").replace(lr=-1.0), "lr must be a positive finite number, got -1.0"),
    (lambda: cn.get_preset("default").replace(batch_size=0), "batch_size must be an integer >= 1, got 0"),
    (lambda: cn.get_preset("default").replace(layers=(64, 0)), "hidden layer 2 size must be an integer >= 1, got 0"),
    (lambda: cn.get_preset("default").replace(optimizer="rmsprop"),
     "optimizer must be one of sgd, adam, got 'rmsprop'"),
    (lambda: cn.get_preset("default").replace(hidden="gelu"), "got 'gelu'"),
    (lambda: cn.get_preset("default").replace(batch_size=50_000),
     "batch_size must not exceed the number of colours (40000), got 50000"),
]


@pytest.mark.parametrize("make, message", BAD, ids=[m for _, m in BAD])
def test_bad_input_gives_a_clear_value_error(make, message):
    with pytest.raises(ValueError) as info:
        make()
    assert message in str(info.value)


def test_layer_without_the_protocol_is_rejected_by_name():
    class NotALayer:
        def forward(self, x):
            return x

    with pytest.raises(TypeError, match=r"layer 1 \(NotALayer\) is missing method\(s\) backward, parameters"):
        cn.Network([cn.ReLU(), NotALayer()])


@pytest.mark.parametrize("target", [cn.complement, cn.invert, cn.lab_opposite])
def test_targets_name_a_wrong_shape(target):
    with pytest.raises(ValueError, match=r"colours must have 3 channels in the last axis, got shape \(4, 2\)"):
        target(np.zeros((4, 2)))
