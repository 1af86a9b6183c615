#!/usr/bin/env python3
"""Writes OpenCV reference outputs for AugSharp's kernel tests (warps, remap, resize, flips, pad).

Run with Debian 12's OpenCV (apt-get install python3-opencv python3-numpy):
    /usr/bin/python3 tools/opencv_references.py
Output: tests/AugSharp.Tests/TestData/OpenCv/ (manifest.json plus raw little-endian pixel files,
row-major and interleaved: .u8, .u16 or .f32).
"""
import json
import os
import shutil
import sys

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "OpenCv")
EXT = {"uint8": "u8", "uint16": "u16", "float32": "f32"}
INTERP = {"nearest": cv2.INTER_NEAREST, "linear": cv2.INTER_LINEAR, "cubic": cv2.INTER_CUBIC,
          "area": cv2.INTER_AREA, "lanczos": cv2.INTER_LANCZOS4}
BORDER = {"constant": cv2.BORDER_CONSTANT, "replicate": cv2.BORDER_REPLICATE, "reflect": cv2.BORDER_REFLECT,
          "reflect101": cv2.BORDER_REFLECT_101, "wrap": cv2.BORDER_WRAP}

cases = []
sources = {}


def save(name, array):
    array = np.ascontiguousarray(array)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(array.astype(array.dtype.newbyteorder("<")).tobytes())
    return name


def shape3(a):
    return [a.shape[0], a.shape[1], 1 if a.ndim == 2 else a.shape[2]]


def source(dtype, channels, h=29, w=37):
    key = (dtype, channels, h, w)
    if key in sources:
        return sources[key]
    rng = np.random.default_rng(1000 + channels * 7 + h * 13 + w + len(dtype))
    # Smooth gradients plus noise: the interpolation matters and edges overshoot.
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    base = np.stack([(xx * (5 + 3 * c) + yy * (7 - c) + 40 * c) % 256 for c in range(channels)], axis=-1)
    base = base + rng.normal(0, 25, size=base.shape)
    base[h // 3, :, :] = 255
    base[:, w // 2, :] = 0
    if dtype == "uint8":
        img = np.clip(np.round(base), 0, 255).astype(np.uint8)
    elif dtype == "uint16":
        img = np.clip(np.round(base * 257), 0, 65535).astype(np.uint16)
    else:
        img = (base / 255.0).astype(np.float32)
    if channels == 1:
        img = img[..., 0]
    name = save(f"src_{dtype}_c{channels}_{w}x{h}.{EXT[dtype]}", img)
    sources[key] = (img, name)
    return sources[key]


def border_value(dtype, channels):
    vals = {"uint8": [200, 17, 99, 250], "uint16": [51000, 300, 7777, 65535], "float32": [0.75, -0.25, 1.5, 0.125]}[dtype]
    return vals[:channels] + [0] * (4 - channels)


def add(case_id, op, dtype, src_name, src, dst, **params):
    dst_name = save(f"{case_id}.{EXT[dtype]}", dst)
    cases.append(dict(id=case_id, op=op, dtype=dtype, src=src_name, srcShape=shape3(src),
                      dst=dst_name, dstShape=shape3(dst), **params))


def matrix3(m):
    m = np.asarray(m, dtype=np.float64)
    if m.shape == (2, 3):
        m = np.vstack([m, [0, 0, 1]])
    return [[float(v) for v in row] for row in m]


def affine_inverse(w, h):
    # dst -> src: rotate 23 degrees about the centre, scale 0.8 / 1.15, shear, shift so borders show.
    a = np.deg2rad(23.0)
    rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    sc = np.array([[1.15, 0.21, 0], [0.0, 0.8, 0], [0, 0, 1]])
    c = np.array([[1, 0, w / 2 + 1.3], [0, 1, h / 2 - 2.7], [0, 0, 1]])
    c2 = np.array([[1, 0, -w / 2], [0, 1, -h / 2], [0, 0, 1]])
    return (c @ rot @ sc @ c2)[:2]


def perspective_inverse(w, h):
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    dst = np.float32([[-4.5, 3.25], [w + 2.0, -3.0], [w - 6.5, h + 4.75], [3.0, h - 2.0]])
    return cv2.getPerspectiveTransform(src, dst).astype(np.float64)  # maps dst pixel -> src pixel


def warps():
    configs = [("uint8", 1), ("uint8", 3), ("uint8", 4), ("uint16", 2), ("float32", 1)]
    dw, dh = 33, 25
    for dtype, cn in configs:
        src, src_name = source(dtype, cn)
        h, w = src.shape[:2]
        for op in ("affine", "perspective"):
            m = affine_inverse(w, h) if op == "affine" else perspective_inverse(w, h)
            for interp in ("nearest", "linear", "cubic"):
                for border in BORDER:
                    bv = border_value(dtype, cn)
                    flags = INTERP[interp] | cv2.WARP_INVERSE_MAP
                    if op == "affine":
                        out = cv2.warpAffine(src, m, (dw, dh), flags=flags, borderMode=BORDER[border], borderValue=bv)
                    else:
                        out = cv2.warpPerspective(src, m, (dw, dh), flags=flags, borderMode=BORDER[border], borderValue=bv)
                    add(f"{op}_{dtype}_c{cn}_{interp}_{border}", op, dtype, src_name, src, out,
                        matrix=matrix3(m), interpolation=interp, border=border, borderValue=bv[:cn])


def remaps():
    for dtype, cn in [("uint8", 3), ("uint16", 1), ("float32", 3)]:
        src, src_name = source(dtype, cn)
        h, w = src.shape[:2]
        dh, dw = 23, 31
        yy, xx = np.mgrid[0:dh, 0:dw].astype(np.float64)
        mx = (xx * 1.21 - 2.3 + 3.1 * np.sin(yy / 4.0)).astype(np.float32)
        my = (yy * 1.27 - 1.7 + 2.3 * np.cos(xx / 5.0)).astype(np.float32)
        mx[0, :4] = [0.5, 1.5, 2.5, -0.5]  # ties for the nearest rounding
        my[0, :4] = [0.5, 1.5, 2.5, -0.5]
        mp = np.dstack([mx, my])
        map_name = save(f"map_{dtype}_c{cn}_{dw}x{dh}.f32", mp)
        for interp in ("nearest", "linear", "cubic"):
            for border in BORDER:
                bv = border_value(dtype, cn)
                out = cv2.remap(src, mp, None, INTERP[interp], borderMode=BORDER[border], borderValue=bv)
                add(f"remap_{dtype}_c{cn}_{interp}_{border}", "remap", dtype, src_name, src, out,
                    map=map_name, mapShape=[dh, dw, 2], interpolation=interp, border=border, borderValue=bv[:cn])


def resizes():
    sizes = {"up": (47, 35), "down": (23, 17), "mixed": (29, 44), "half": (18, 14), "third": (12, 9)}
    for dtype, cn in [("uint8", 1), ("uint8", 3), ("uint8", 4), ("uint16", 3), ("float32", 1)]:
        for kind, (dw, dh) in sizes.items():
            if kind == "mixed" and dtype != "uint8":
                continue
            if kind in ("half", "third"):
                src, src_name = source(dtype, cn, 28 if kind == "half" else 27, 36)
            else:
                src, src_name = source(dtype, cn)
            for interp in INTERP:
                out = cv2.resize(src, (dw, dh), interpolation=INTERP[interp])
                add(f"resize_{dtype}_c{cn}_{interp}_{kind}", "resize", dtype, src_name, src, out, interpolation=interp)


def flips_and_pads():
    for dtype, cn in [("uint8", 1), ("uint8", 3), ("uint8", 4), ("uint16", 2), ("float32", 3)]:
        src, src_name = source(dtype, cn)
        add(f"flip_{dtype}_c{cn}_horizontal", "flipHorizontal", dtype, src_name, src, cv2.flip(src, 1))
        add(f"flip_{dtype}_c{cn}_vertical", "flipVertical", dtype, src_name, src, cv2.flip(src, 0))
        add(f"transpose_{dtype}_c{cn}", "transpose", dtype, src_name, src, cv2.transpose(src))
        for k in ((1, 2, 3, -1) if cn == 1 else (1, 2, 3)):
            add(f"rot90_{dtype}_c{cn}_k{k}", "rot90", dtype, src_name, src, np.rot90(src, k), quarterTurns=k)
        for border in BORDER:
            bv = border_value(dtype, cn)
            top, bottom, left, right = 5, 3, 7, 2
            if border != "constant":
                top, bottom, left, right = 9, 4, 11, 3
                if dtype == "uint8" and cn == 1:
                    top, bottom, left, right = 40, 3, 45, 2  # larger than the image: the pattern repeats
            out = cv2.copyMakeBorder(src, top, bottom, left, right, BORDER[border], value=bv)
            add(f"pad_{dtype}_c{cn}_{border}", "pad", dtype, src_name, src, out,
                top=top, left=left, border=border, borderValue=bv[:cn])


def points():
    pts = np.array([[0, 0], [36, 28], [12.25, -3.5], [100.125, 57.75], [-40.5, 13.0], [3.3333333333, 7.7777777777]],
                   dtype=np.float64)
    out = []
    for name, m in (("affine", affine_inverse(37, 29)), ("perspective", perspective_inverse(37, 29))):
        if name == "affine":
            mapped = cv2.transform(pts.reshape(-1, 1, 2), m).reshape(-1, 2)
        else:
            mapped = cv2.perspectiveTransform(pts.reshape(-1, 1, 2), m).reshape(-1, 2)
        out.append(dict(id=f"points_{name}", matrix=matrix3(m), points=pts.tolist(), mapped=mapped.tolist(),
                        function="cv2.transform" if name == "affine" else "cv2.perspectiveTransform"))
    return out


def main():
    if not cv2.__version__.startswith("4.6"):
        print(f"warning: OpenCV {cv2.__version__}, the references are meant for 4.6 (Debian 12)", file=sys.stderr)
    cv2.setNumThreads(1)
    if os.path.isdir(OUT):
        for name in os.listdir(OUT):
            if name != "README.md":
                os.remove(os.path.join(OUT, name))
    os.makedirs(OUT, exist_ok=True)
    warps()
    remaps()
    resizes()
    flips_and_pads()
    manifest = dict(opencv=cv2.__version__, numpy=np.__version__,
                    note="Raw little-endian, row-major, interleaved pixels; shapes are [height, width, channels]. "
                         "Warp matrices map destination pixel indices to source ones (WARP_INVERSE_MAP).",
                    cases=cases, points=points())
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, separators=(",", ":"))
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"{len(cases)} cases, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
