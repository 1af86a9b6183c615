#!/usr/bin/env python3
"""Writes Pillow reference outputs for AugSharp's PilResize tests.

Run with Debian 12's Pillow 9.4.0 (apt-get install python3-pil python3-numpy):
    /usr/bin/python3 tools/pil_resize_reference.py
Output: tests/AugSharp.Tests/TestData/PilResize/ (cases.json plus raw little-endian pixel files,
row-major and interleaved: .u8 for 8-bit modes, .u16 for I;16).
"""
import json
import os
import sys

import numpy as np
import PIL
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "PilResize")
FILTERS = {"nearest": Image.NEAREST, "bilinear": Image.BILINEAR, "bicubic": Image.BICUBIC,
           "lanczos": Image.LANCZOS, "box": Image.BOX, "hamming": Image.HAMMING}


def save(name, array):
    array = np.ascontiguousarray(array)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(array.astype(array.dtype.newbyteorder("<")).tobytes())


def main():
    if PIL.__version__ != "9.4.0":
        print(f"warning: Pillow {PIL.__version__}, the references are meant for 9.4.0", file=sys.stderr)
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240611)
    h, w = 17, 23
    # Noise plus a gradient: strong edges make the filters overshoot and clip.
    base = rng.integers(0, 256, size=(h, w, 4)).astype(np.int32)
    base[..., 0] = np.clip(base[..., 0] // 2 + np.arange(w)[None, :] * 5, 0, 255)
    alpha = base[..., 3].copy()
    alpha[0, :] = 0
    alpha[1, :] = 255
    base[..., 3] = alpha
    inputs = {
        "L": base[..., 0].astype(np.uint8),
        "RGB": base[..., :3].astype(np.uint8),
        "RGBA": base.astype(np.uint8),
    }
    for mode, arr in inputs.items():
        save(f"in_{mode}.u8", arr)
    i16 = rng.integers(0, 65536, size=(h, w)).astype(np.uint16)
    save("in_I16.u16", i16)

    geometries = [
        ("down", (9, 7), None),
        ("up", (37, 26), None),
        ("mixed", (31, 8), None),
        ("boxsame", (23, 17), (2.5, 1.25, 20.75, 15.5)),
        ("boxdown", (6, 11), (3, 2, 21, 16)),
        ("widthonly", (12, 17), None),
    ]
    cases = []
    for mode, arr in inputs.items():
        img = Image.fromarray(arr, mode)
        for fname, fid in FILTERS.items():
            for gname, size, box in geometries:
                out = np.asarray(img.resize(size, fid, box=box))
                name = f"{mode}_{fname}_{gname}.u8"
                save(name, out)
                cases.append({"input": f"in_{mode}.u8", "mode": mode, "channels": arr.shape[2] if arr.ndim == 3 else 1,
                              "in_width": w, "in_height": h, "filter": fname, "width": size[0], "height": size[1],
                              "box": list(box) if box else None, "output": name})
    img16 = Image.frombytes("I;16", (w, h), i16.astype("<u2").tobytes())
    for gname, size, box in geometries + [("crop", (10, 9), (4, 3, 14, 12)), ("fracup", (40, 30), (0.3, 0.7, 22.9, 16.1))]:
        out = np.frombuffer(img16.resize(size, Image.NEAREST, box=box).tobytes(), dtype="<u2").reshape(size[1], size[0])
        name = f"I16_nearest_{gname}.u16"
        save(name, out)
        cases.append({"input": "in_I16.u16", "mode": "I;16", "channels": 1, "in_width": w, "in_height": h,
                      "filter": "nearest", "width": size[0], "height": size[1],
                      "box": list(box) if box else None, "output": name})

    # NEAREST index sweep: a 1-row L image holding 0..n-1, resized to every width 1..20,
    # and a 1-row I;16 image to widths 1..12 (Pillow uses a different nearest code path for I;16).
    sweep8, sweep16 = [], []
    for n in range(1, 49):
        row = np.arange(n, dtype=np.uint8)[None, :]
        row16 = Image.frombytes("I;16", (n, 1), np.arange(n, dtype="<u2").tobytes())
        for m in range(1, 21):
            sweep8.extend(np.asarray(Image.fromarray(row, "L").resize((m, 1), Image.NEAREST))[0].tolist())
        for m in range(1, 13):
            sweep16.extend(np.frombuffer(row16.resize((m, 1), Image.NEAREST).tobytes(), dtype="<u2").tolist())
    save("nearest_sweep.u8", np.array(sweep8, dtype=np.uint8))
    save("nearest_sweep.u16", np.array(sweep16, dtype=np.uint16))

    manifest = {"pillow": PIL.__version__, "sweep": {"in_sizes": [1, 48], "out_sizes_u8": [1, 20], "out_sizes_u16": [1, 12],
                                                     "u8": "nearest_sweep.u8", "u16": "nearest_sweep.u16"},
                "cases": cases}
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        f.write(json.dumps({k: v for k, v in manifest.items() if k != "cases"})[:-1] + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c) for c in cases) + "\n]}\n")
    print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
