#!/usr/bin/env python3
"""Writes the tiny super-resolution network the ONNX upscaling tests run (a few KB).

Run with Debian's onnx (apt-get install python3-onnx):
    /usr/bin/python3 tools/make_tiny_sr_model.py
Output: tests/AugSharp.Tests/TestData/Onnx/tiny_sr_x2.onnx

The network has the shape of ESPCN (Shi et al. 2016) at its smallest: input "input" float32
[1, 3, H, W] in 0..1 with H and W free, a reflect Pad of 1, a 3x3 convolution to 3 x 2 x 2
channels, ReLU, and DepthToSpace (CRD, PixelShuffle's order) by 2, output "output"
[1, 3, 2H, 2W]. Its weights are not learnt: each of the four sub-pixels of an input pixel is the
bilinear value a quarter pixel away, plus a small sharpening term, so that its output is known.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "Onnx", "tiny_sr_x2.onnx")
SCALE = 2


def taps(offset):
    """1D bilinear weights over the taps -1, 0, +1 for a point `offset` (-0.25 or +0.25) away."""
    return np.array([0.25, 0.75, 0.0]) if offset < 0 else np.array([0.0, 0.75, 0.25])


def main():
    channels = 3
    weights = np.zeros((channels * SCALE * SCALE, channels, 3, 3), dtype=np.float32)
    sharpen = np.array([[0, -1, 0], [-1, 4, -1], [0, -1, 0]], dtype=np.float64) * 0.05
    for c in range(channels):
        for by in range(SCALE):
            for bx in range(SCALE):
                kernel = np.outer(taps(-0.25 if by == 0 else 0.25), taps(-0.25 if bx == 0 else 0.25)) + sharpen
                weights[c * SCALE * SCALE + by * SCALE + bx, c] = kernel
    bias = np.zeros(channels * SCALE * SCALE, dtype=np.float32)
    nodes = [
        helper.make_node("Pad", ["input", "pads"], ["padded"], mode="reflect"),
        helper.make_node("Conv", ["padded", "weight", "bias"], ["features"], kernel_shape=[3, 3]),
        helper.make_node("Relu", ["features"], ["positive"]),
        helper.make_node("DepthToSpace", ["positive"], ["output"], blocksize=SCALE, mode="CRD"),
    ]
    graph = helper.make_graph(
        nodes, "tiny_sr_x2",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, channels, "height", "width"])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, channels, "height_x2", "width_x2"])],
        initializer=[
            helper.make_tensor("pads", TensorProto.INT64, [8], [0, 0, 1, 1, 0, 0, 1, 1]),
            helper.make_tensor("weight", TensorProto.FLOAT, list(weights.shape), weights.ravel().tolist()),
            helper.make_tensor("bias", TensorProto.FLOAT, list(bias.shape), bias.tolist()),
        ])
    model = helper.make_model(graph, producer_name="augsharp-tools", opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(model.SerializeToString())


if __name__ == "__main__":
    main()
