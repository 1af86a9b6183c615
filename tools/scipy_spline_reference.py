#!/usr/bin/env python3
"""Writes scipy reference outputs for AugSharp's ScipySpline tests.

Run with Debian 12's scipy 1.10.1 (apt-get install python3-scipy python3-numpy):
    /usr/bin/python3 tools/scipy_spline_reference.py
Output: tests/AugSharp.Tests/TestData/ScipySpline/ (cases.json plus float32 little-endian planes,
row-major). Each case is
    scipy.ndimage.affine_transform(plane, matrix, offset, order=order, mode=mode, cval=cval, prefilter=True)
with the default output shape, exactly as Keras' apply_affine_transform calls it per channel.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy import ndimage

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "ScipySpline")


def save(name, array):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.ascontiguousarray(array, dtype="<f4").tobytes())


def main():
    if scipy.__version__ != "1.10.1":
        print(f"warning: scipy {scipy.__version__}, the references are meant for 1.10.1", file=sys.stderr)
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(7)
    rows, cols = 13, 17
    plane = (rng.random((rows, cols)) * 255).astype(np.float32)
    plane[:, 0] = 0  # a hard edge
    save("input.f32", plane)

    th = math.radians(30)
    rotation = ([[math.cos(th), math.sin(th) * 1.1], [-math.sin(th), math.cos(th) * 0.9]], [-2.75, 5.5])
    zoom = ([[0.7, 0.0], [0.15, 1.35]], [4.2, -3.1])  # samples well outside the plane on both sides
    far = ([[3.1, 0.4], [-0.3, 2.7]], [-17.3, -9.6])  # reaches beyond the 12-pixel 'nearest' pre-padding
    cases = []
    for mname, (matrix, offset) in (("rot", rotation), ("zoom", zoom), ("far", far)):
        orders = {"rot": [1, 2, 3, 4, 5], "zoom": [2, 3, 5], "far": [0, 1, 2, 3, 5]}[mname]
        for order in orders:
            for mode in ("constant", "nearest", "reflect", "wrap"):
                cval = 17.25 if mode == "constant" else 0.0
                out = ndimage.affine_transform(plane, np.array(matrix), offset=offset, order=order, mode=mode,
                                               cval=cval, prefilter=True)
                name = f"{mname}_o{order}_{mode}.f32"
                save(name, out)
                cases.append({"matrix": matrix, "offset": offset, "order": order, "mode": mode, "cval": cval,
                              "output": name})
    manifest = {"scipy": scipy.__version__, "rows": rows, "cols": cols, "input": "input.f32"}
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        f.write(json.dumps(manifest)[:-1] + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
    print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
