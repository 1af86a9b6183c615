#!/usr/bin/env python3
"""Writes OpenCV reference outputs for AugSharp's color transform tests.

Run with Debian's OpenCV (apt-get install python3-opencv python3-numpy):
    /usr/bin/python3 tools/opencv_color_references.py
Output: tests/AugSharp.Tests/TestData/OpenCvColor/ (manifest.json plus raw uint8 pixel files,
row-major and interleaved RGB or gray, .u8).
"""
import json
import os
import shutil

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "OpenCvColor")
H, W = 48, 64


def save(name, array):
    array = np.ascontiguousarray(array, dtype=np.uint8)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(array.tobytes())
    return name


def shape3(a):
    return [a.shape[0], a.shape[1], 1 if a.ndim == 2 else a.shape[2]]


def picture(seed):
    """A smooth colored picture with texture, every level range represented."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    r = 128 + 100 * np.sin(x / 9.0 + seed) * np.cos(y / 13.0)
    g = 40 + 180 * (x / W) ** 1.5
    b = 200 - 150 * (y / H) + 30 * np.sin((x + y) / 5.0)
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 12, (H, W, 3))
    img[: H // 6, : W // 5] = [250, 250, 250]  # a white patch (no saturation)
    img[-H // 6:, -W // 5:] = [3, 3, 3]  # a dark patch
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rgb = picture(1)
    gray = cv2.cvtColor(picture(2), cv2.COLOR_RGB2GRAY)
    cases = []

    def case(op, src_name, dst, **extra):
        cases.append({"id": f"{op}-{len(cases)}", "op": op, "src": src_name, "dst": save(f"{op}-{len(cases)}.u8", dst),
                      "dst_shape": shape3(dst), **extra})

    src_rgb = save("rgb.u8", rgb)
    src_gray = save("gray.u8", gray)

    case("to_gray", src_rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    case("lab_lightness", src_rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[..., 0])
    case("hsv_round_trip", src_rgb, cv2.cvtColor(cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV), cv2.COLOR_HSV2RGB))
    case("hsv", src_rgb, cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV))
    for hue, sat, val in [(17.6, 0.0, 0.0), (-33.2, 25.0, -14.0)]:
        hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
        h, s, v = cv2.split(hsv)
        if hue != 0:
            h = cv2.LUT(h, np.mod(np.arange(256, dtype=np.float64) + hue, 180).astype(np.uint8))
        if sat != 0:
            gray_pixels = s == 0
            s = np.clip(np.rint(s.astype(np.float64) + sat), 0, 255).astype(np.uint8)
            s[gray_pixels] = 0
        if val != 0:
            v = np.clip(np.rint(v.astype(np.float64) + val), 0, 255).astype(np.uint8)
        case("hue_saturation_value", src_rgb, cv2.cvtColor(cv2.merge((h, s, v)), cv2.COLOR_HSV2RGB),
             hue_shift=hue, sat_shift=sat, val_shift=val)
    case("equalize_channels", src_rgb, cv2.merge([cv2.equalizeHist(c) for c in cv2.split(rgb)]))
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    ycc[..., 0] = cv2.equalizeHist(ycc[..., 0])
    case("equalize_luma", src_rgb, cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB))
    case("equalize_gray", src_gray, cv2.equalizeHist(gray))
    for gamma in (0.8, 1.37):
        lut = np.clip(np.rint(((np.arange(256) / 255.0) ** gamma) * 255), 0, 255).astype(np.uint8)
        case("gamma", src_rgb, cv2.LUT(rgb, lut), gamma=gamma)
    sepia = np.array([[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]])
    case("sepia", src_rgb, cv2.transform(rgb, sepia))
    for clip, tiles in [(2.0, (8, 8)), (4.0, (3, 5))]:
        lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
        lab[..., 0] = cv2.createCLAHE(clipLimit=clip, tileGridSize=tiles).apply(lab[..., 0])
        case("clahe_rgb", src_rgb, cv2.cvtColor(lab, cv2.COLOR_LAB2RGB), clip_limit=clip, tile_grid_size=list(tiles))
        case("clahe_gray", src_gray, cv2.createCLAHE(clipLimit=clip, tileGridSize=tiles).apply(gray),
             clip_limit=clip, tile_grid_size=list(tiles))

    manifest = {"opencv": cv2.__version__, "sources": {src_rgb: shape3(rgb), src_gray: shape3(gray)}, "cases": cases}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"{len(cases)} cases written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
