"""colornet: a small pure-NumPy neural network that learns the complementary colour.

Array convention: one row per example, shape ``(n, features)``; colours are ``(n, 3)``
floats in [0, 1]. Runs on CPython and unchanged inside Pyodide; NumPy is the only
dependency and nothing here touches a browser.
"""
from .batches import ShuffledBatches
from . import datasets
from .colours import (MATERIAL_COLOURS, complement, cube_colours, delta_e2000, delta_e2000_lab, from_255, from_hex,
                      invert, lab_opposite, lab_to_srgb, random_colours, srgb_to_lab, to_255, to_hex)
from . import kernels
from .gradcheck import check_gradients
from .layers import ACTIVATIONS, Dense, Linear, ReLU, Sigmoid, Tanh, activation
from .live import LiveReplay, LiveValue
from .losses import MeanSquaredError
from .metrics import evaluate, evaluate_lattice, lattice_colours, mae_255, mse
from .network import Network
from .optimizers import SGD, Adam, CosineDecay, Optimizer, StepDecay
from .params import FlatParameters, Parameter
from .datasets import ColourData, DataFormatError, read_colours
from .presets import PRESETS, Preset, get_preset
from .serialise import ModelFormatError, from_dict, load, save, to_dict
from .training import (Progress, TrainingDiverged, TrainResult, set_stop_check, train, train_async,
                       training_steps)

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Adam", "ColourData", "DataFormatError", "CosineDecay", "Dense", "FlatParameters", "Linear", "LiveReplay", "LiveValue", "MATERIAL_COLOURS", "MeanSquaredError",
    "ModelFormatError", "Network", "Optimizer", "PRESETS", "Parameter", "Preset", "Progress", "ReLU", "SGD",
    "ShuffledBatches", "Sigmoid", "StepDecay", "Tanh", "TrainResult", "TrainingDiverged", "activation", "check_gradients",
    "complement", "cube_colours", "datasets", "delta_e2000", "delta_e2000_lab", "evaluate", "evaluate_lattice", "from_255",
    "from_dict", "from_hex", "get_preset", "invert", "kernels", "lab_opposite", "lab_to_srgb", "lattice_colours",
    "load", "mae_255", "mse", "random_colours", "read_colours", "save", "set_stop_check", "srgb_to_lab", "to_255", "to_dict", "to_hex",
    "train", "train_async", "training_steps",
]
