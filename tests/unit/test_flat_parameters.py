"""Flat parameter storage: a Network's Dense weights are views into one vector, kept in sync both ways."""
import copy
import pickle

import numpy as np
import pytest

import colornet as cn


def test_dense_parameters_are_views_into_the_networks_flat_vectors():
    net = cn.Network.from_sizes([3, 5, 4, 2], seed=0)
    params = net.parameters()
    assert net.flat.count == len(params)
    assert net.flat.value.size == sum(p.value.size for p in params) == 3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2
    for p in params:
        assert p.flat is net.flat
        assert np.shares_memory(p.value, net.flat.value) and np.shares_memory(p.grad, net.flat.grad)
    net.flat.value[:] = 0.5  # a change to the flat vector is what the layers compute with
    h1 = 0.5 * 1.0 + 0.5  # every weight and bias is 0.5; input (1, 0, 0)
    h2 = 5 * 0.5 * h1 + 0.5
    np.testing.assert_allclose(net.predict([[1.0, 0.0, 0.0]]), [[4 * 0.5 * h2 + 0.5] * 2])


def test_packing_keeps_weights_and_values():
    rng = np.random.default_rng(1)
    dense = cn.Dense(3, 4, rng=rng)
    weight = dense.weight.value.copy()
    x = rng.uniform(size=(6, 3))
    before = dense.forward(x)
    net = cn.Network([dense, cn.ReLU()])
    np.testing.assert_array_equal(dense.weight.value, weight)
    np.testing.assert_array_equal(net.forward(x), np.maximum(before, 0))


def test_assigning_a_packed_parameter_copies_into_the_flat_vector():
    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    first = net.layers[0]
    first.weight.value = np.ones((3, 4))
    assert first.weight.value.base is not None and np.shares_memory(first.weight.value, net.flat.value)
    np.testing.assert_array_equal(net.flat.value[:12], 1.0)
    first.bias.grad = np.full(4, 2.0)
    np.testing.assert_array_equal(net.flat.grad[12:16], 2.0)
    grad = first.weight.grad
    first.weight.grad += 1.0  # in-place update: the same view stays in place
    assert first.weight.grad is grad
    np.testing.assert_array_equal(net.flat.grad[:12], 1.0)
    with pytest.raises(ValueError, match=r"keeps its shape \(3, 4\), got shape \(4, 3\)"):
        first.weight.value = np.ones((4, 3))


def test_unpacked_parameter_assignment_replaces_the_array():
    p = cn.Parameter(np.zeros(2))
    new = np.ones(3)
    p.value = new
    assert p.value is new and p.flat is None


def test_a_parameter_is_packed_only_once():
    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    with pytest.raises(ValueError, match="only one FlatParameters"):
        cn.FlatParameters(net.parameters())
    bigger = cn.Network(net.layers + [cn.Dense(3, 2)])  # reuses net's layers: those stay in net's buffer
    assert bigger.flat.count == 2 and all(p.flat is bigger.flat for p in bigger.layers[-1].parameters())
    assert all(p.flat is net.flat for p in net.parameters())


def optimizer_steps(make_optimizer, packed, steps=3):
    """Apply ``steps`` updates with fixed gradients to a packed network's parameters, or to unpacked copies."""
    net = cn.Network.from_sizes([3, 5, 2], seed=2)
    params = net.parameters() if packed else [cn.Parameter(p.value.copy()) for p in net.parameters()]
    assert all((p.flat is not None) == packed for p in params)
    opt = make_optimizer(params)
    rng = np.random.default_rng(3)
    for _ in range(steps):
        opt.zero_grad()
        for p in params:
            p.grad += rng.normal(size=p.grad.shape)
        opt.step()
    return [p.value.copy() for p in params]


@pytest.mark.parametrize("make_optimizer", [
    lambda ps: cn.SGD(ps, lr=0.1),
    lambda ps: cn.SGD(ps, lr=0.1, momentum=0.9, schedule=cn.StepDecay(0.5, 2)),
    lambda ps: cn.Adam(ps, lr=0.01, schedule=cn.CosineDecay(3)),
], ids=["sgd", "sgd-momentum-decay", "adam-cosine"])
def test_flat_updates_equal_per_parameter_updates(make_optimizer):
    for flat, single in zip(optimizer_steps(make_optimizer, True), optimizer_steps(make_optimizer, False)):
        np.testing.assert_allclose(flat, single, rtol=1e-12, atol=1e-15)


def test_optimizer_over_part_of_a_flat_buffer_updates_only_that_part():
    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    last = net.layers[-2].parameters()  # the output Dense layer only
    opt = cn.SGD(last, lr=1.0)
    before = net.flat.value.copy()
    net.flat.grad[:] = 1.0
    opt.step()
    n_first = 3 * 4 + 4
    np.testing.assert_array_equal(net.flat.value[:n_first], before[:n_first])
    np.testing.assert_allclose(net.flat.value[n_first:], before[n_first:] - 1.0)
    opt.zero_grad()
    assert np.all(net.flat.grad[:n_first] == 1.0) and np.all(net.flat.grad[n_first:] == 0.0)


def test_network_zero_grad_clears_flat_and_user_parameters():
    class Scale:
        def __init__(self):
            self.s = cn.Parameter(np.ones(3))

        def forward(self, x):
            return x * self.s.value

        def backward(self, grad_y):
            return grad_y * self.s.value

        def parameters(self):
            return [self.s]

    net = cn.Network([cn.Dense(3, 3), Scale()])
    for p in net.parameters():
        p.grad[...] = 1.0
    net.zero_grad()
    assert all(np.all(p.grad == 0.0) for p in net.parameters())
    assert net.layers[1].s.flat is None


@pytest.mark.parametrize("duplicate", [copy.deepcopy, lambda net: pickle.loads(pickle.dumps(net))],
                         ids=["deepcopy", "pickle"])
def test_copies_keep_their_parameters_packed_in_their_own_buffer(duplicate):
    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    x = cn.random_colours(50, 0)
    net.predict(x)  # a forward pass first, so that layers hold views and buffers of their own
    twin = duplicate(net)
    assert all(p.flat is twin.flat and np.shares_memory(p.value, twin.flat.value)
               and np.shares_memory(p.grad, twin.flat.grad) for p in twin.parameters())
    np.testing.assert_array_equal(twin.flat.value, net.flat.value)
    np.testing.assert_array_equal(twin.predict(x), net.predict(x))
    before = net.predict(x)
    cn.train(twin, x, cn.complement(x), optimizer=cn.SGD(twin.parameters(), lr=0.1), batch_size=10, steps=20)
    assert not np.allclose(twin.predict(x), before)  # the copy trains through its own buffer...
    np.testing.assert_array_equal(net.predict(x), before)  # ...and the original is untouched


def test_layers_of_different_dtypes_keep_their_dtypes():
    net = cn.Network([cn.Dense(3, 4, dtype=np.float32), cn.ReLU(), cn.Dense(4, 3)])
    assert net.flat is None
    assert [p.value.dtype for p in net.parameters()] == [np.float32] * 2 + [np.float64] * 2


def test_packed_dense_still_handles_single_rows_and_other_layouts():
    net = cn.Network.from_sizes([3, 4, 3], seed=0)
    dense = net.layers[0]
    rows = cn.random_colours(5, 1)
    batch = dense.forward(rows)
    np.testing.assert_allclose(batch, rows @ dense.weight.value + dense.bias.value)
    np.testing.assert_allclose(dense.forward(rows[2]), batch[2])  # a 1-D row
    np.testing.assert_allclose(net.predict(rows[2]), net.predict(rows)[2])
    np.testing.assert_allclose(dense.forward(np.asfortranarray(rows)), batch)


def test_packed_dense_gradients_match_the_unpacked_layer():
    rng = np.random.default_rng(3)
    x, g = rng.normal(size=(7, 3)), rng.normal(size=(7, 4))
    alone = cn.Dense(3, 4, rng=1)
    packed = cn.Dense(3, 4, rng=1)
    cn.Network([packed])
    for layer in (alone, packed):
        layer.forward(x)
        layer.backward(g)
        layer.backward(g)  # gradients accumulate
    np.testing.assert_allclose(packed.weight.grad, alone.weight.grad, rtol=1e-12)
    np.testing.assert_allclose(packed.bias.grad, alone.bias.grad, rtol=1e-12)
    np.testing.assert_allclose(packed.backward(g), alone.backward(g), rtol=1e-12)
    packed.forward(np.asfortranarray(x[:2]))  # another batch size: the buffer follows
    packed.weight.grad[...] = 0.0
    packed.backward(g[:2])
    np.testing.assert_allclose(packed.weight.grad, x[:2].T @ g[:2], rtol=1e-12)


def test_dense_reads_no_private_field_of_another_class():
    """Dense reaches its packed [W; b] through params.joined_views, not through Parameter's internals."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(cn.layers))
    reached = [f"{ast.unparse(node.value)}.{node.attr}" for node in ast.walk(tree)
               if isinstance(node, ast.Attribute) and (node.attr.startswith("_") or node.attr == "flat")
               and not (isinstance(node.value, ast.Name) and node.value.id == "self")]
    assert reached == [], reached
