#!/usr/bin/env python3
"""Writes OpenCV reference outputs for AugSharp's blur kernels (GaussianBlur, blur, medianBlur, filter2D).

Run with Debian's OpenCV (apt-get install python3-opencv):
    /usr/bin/python3 tools/opencv_blur_references.py
Output: tests/AugSharp.Tests/TestData/OpenCvBlur/ (manifest.json plus raw little-endian pixel
files, row-major and interleaved: .u8, .u16 or .f32).
"""
import json
import os
import shutil

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "OpenCvBlur")
EXT = {"uint8": "u8", "uint16": "u16", "float32": "f32"}
cases = []
sources = {}


def save(name, array):
    array = np.ascontiguousarray(array)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(array.astype(array.dtype.newbyteorder("<")).tobytes())
    return name


def source(dtype, channels, h, w):
    key = (dtype, channels, h, w)
    if key not in sources:
        sources[key] = (make_source(dtype, channels, h, w), f"src_{dtype}_c{channels}_{w}x{h}.{EXT[dtype]}")
        save(sources[key][1], sources[key][0])
    return sources[key]


def make_source(dtype, channels, h, w):
    rng = np.random.default_rng(7 * channels + 3 * h + w)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    base = np.stack([(xx * (3 + 2 * c) + yy * (5 - c) + 30 * c) % 256 for c in range(channels)], axis=-1)
    base = np.clip(base + rng.normal(0, 30, size=base.shape), 0, 255)
    base[h // 3, :, :] = 255
    base[:, w // 2, :] = 0
    if dtype == "uint8":
        return np.round(base).astype(np.uint8)
    if dtype == "uint16":
        return np.round(base * 257).astype(np.uint16)
    return (base / 255).astype(np.float32)


def add(op, dtype, channels, h, w, **params):
    src, src_name = source(dtype, channels, h, w)
    if op == "gaussian":
        k, s = params["ksize"], params["sigma"]
        dst = cv2.GaussianBlur(src, (k, k), sigmaX=s, sigmaY=s, borderType=cv2.BORDER_REFLECT_101)
    elif op == "box":
        k = params["ksize"]
        dst = cv2.blur(src, (k, k), borderType=cv2.BORDER_REFLECT_101)
    elif op == "median":
        dst = cv2.medianBlur(src, params["ksize"])
    elif op == "filter2d":
        kernel = np.array(params["kernel"], dtype=np.float32)
        dst = cv2.filter2D(src, -1, kernel, borderType=cv2.BORDER_REFLECT_101)
    else:
        raise ValueError(op)
    dst = dst.reshape(src.shape)
    extra = "_".join(f"{k}{v}" for k, v in params.items() if k != "kernel")
    cid = f"{op}_{dtype}_c{channels}_{w}x{h}_{extra}".rstrip("_")
    cases.append({
        "id": cid, "op": op, "dtype": dtype,
        "src": src_name, "shape": [h, w, channels],
        "dst": save(cid + "_dst." + EXT[dtype], dst), **params,
    })


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    for dtype in ("uint8", "uint16", "float32"):
        for channels in ((1, 3) if dtype == "uint8" else (3,)):
            for k, s in ((3, 0.8), (7, 1.5), (13, 2.0)):
                add("gaussian", dtype, channels, 29, 37, ksize=k, sigma=s)
            for k in (3, 5, 7):
                add("box", dtype, channels, 29, 37, ksize=k)
            for k in ((3, 5, 7) if dtype == "uint8" else (3, 5)):
                add("median", dtype, channels, 29, 37, ksize=k)
    for channels in (4, 5):
        add("gaussian", "uint8", channels, 24, 32, ksize=9, sigma=1.7)
        add("box", "uint8", channels, 24, 32, ksize=5)
    add("gaussian", "uint8", 3, 24, 32, ksize=21, sigma=3.0)
    add("gaussian", "uint8", 1, 5, 6, ksize=13, sigma=2.0)
    add("median", "uint8", 4, 24, 32, ksize=5)
    motion = np.zeros((7, 7), np.float32)
    motion[3, 1:6] = 1
    motion[2, 5] = 1
    motion /= motion.sum()
    disc = np.array([[0.0, 1, 0], [1, 2, 1], [0, 1, 0]], np.float32) / 6
    for dtype in ("uint8", "float32"):
        add("filter2d", dtype, 3, 29, 37, kernel=motion.tolist())
        add("filter2d", dtype, 1, 29, 37, kernel=disc.tolist())
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"opencv": cv2.__version__, "cases": cases}, f, indent=1)
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
