#!/usr/bin/env python3
"""Writes OpenCV reference outputs for AugSharp's quality transforms.

ImageCompression: the JPEG round trip cv2.imencode('.jpg', img, [IMWRITE_JPEG_QUALITY, q]) +
cv2.imdecode (and the same with '.webp' and IMWRITE_WEBP_QUALITY) of small crops of the sample
photographs (RGB and gray), at a few qualities. The RGB arrays are handed to OpenCV as they are,
as Albumentations does (so OpenCV takes their first channel for blue). Sharpen (kernel method)
and Emboss: cv2.filter2D with their 3x3 kernels. RingingOvershoot: cv2.filter2D with the 2-D sinc kernel built with scipy.special.j1.
UnsharpMask: Albumentations' formula in float32 with cv2.GaussianBlur. Sharpen (gaussian
method): img + alpha * (img - cv2.GaussianBlur(img)) in full precision, rounded. Downscale:
cv2.resize down by a whole factor and back up. ChromaticAberration: cv2.initUndistortRectifyMap
+ cv2.remap of the red and blue channels (replicated edges), with Albumentations' camera matrix.
Superpixels: the labels of scikit-image's slic(image, n_segments, compactness=10) on float32
images in 0..1, as Albumentations calls it (written as int32 files, .i32), and the whole
transform with every segment replaced: float32 in 0..1, cv2.resize to max_size, slic, segment
means, cv2.resize back, rounded to uint8.

Run with Debian's OpenCV and scikit-image (apt-get install python3-opencv python3-skimage):
    /usr/bin/python3 tools/opencv_quality_references.py
Output: tests/AugSharp.Tests/TestData/OpenCvQuality/ (manifest.json plus raw uint8 pixel files,
row-major and interleaved, .u8).
"""
import json
import os
import shutil

import cv2
import numpy as np
from scipy import special
from skimage.segmentation import slic

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
IMAGES = os.path.join(ROOT, "tests", "AugSharp.Tests", "TestData", "Images")
OUT = os.path.join(ROOT, "tests", "AugSharp.Tests", "TestData", "OpenCvQuality")
cases = []
sources = {}


def save(name, array):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.ascontiguousarray(array, dtype=np.uint8).tobytes())
    return name


def crop(file, x, y, w, h):
    """A crop of a sample photograph: RGB for colour files, 1 channel for gray ones."""
    key = (file, x, y, w, h)
    if key not in sources:
        image = cv2.imread(os.path.join(IMAGES, file), cv2.IMREAD_UNCHANGED)
        if image.ndim == 3:
            image = cv2.cvtColor(image[..., :3], cv2.COLOR_BGR2RGB)
        else:
            image = image[..., np.newaxis]
        part = np.ascontiguousarray(image[y:y + h, x:x + w])
        name = f"src_{os.path.splitext(file)[0]}_{x}_{y}_{w}x{h}.u8"
        sources[key] = (part, name)
        save(name, part)
    return sources[key]


def jpeg_round_trip(rgb, quality):
    channels = rgb.shape[2]
    src = rgb[..., 0] if channels == 1 else rgb
    ok, encoded = cv2.imencode(".jpg", src, [int(cv2.IMWRITE_JPEG_QUALITY), quality])
    assert ok
    if channels == 1:
        return cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)[..., np.newaxis]
    return cv2.imdecode(encoded, cv2.IMREAD_UNCHANGED)


def webp_round_trip(rgb, quality):
    channels = rgb.shape[2]
    src = rgb[..., 0] if channels == 1 else rgb
    ok, encoded = cv2.imencode(".webp", src, [int(cv2.IMWRITE_WEBP_QUALITY), quality])
    assert ok
    if channels == 1:
        return cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)[..., np.newaxis]
    return cv2.imdecode(encoded, cv2.IMREAD_UNCHANGED)


def add(op, src_info, **params):
    src, src_name = src_info
    if op == "jpeg":
        dst = jpeg_round_trip(src, params["quality"])
    elif op == "webp":
        dst = webp_round_trip(src, params["quality"])
    elif op == "slic":
        image = (src.astype(np.float32) / 255)
        labels = slic(image, n_segments=params["n_segments"], compactness=10)
        extra = f"n{params['n_segments']}"
        cid = f"slic_{os.path.splitext(src_name)[0][4:]}_{extra}"
        name = cid + "_labels.i32"
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(np.ascontiguousarray(labels, dtype="<i4").tobytes())
        cases.append({"id": cid, "op": op, "src": src_name, "shape": list(src.shape), "dst": name, **params})
        return
    elif op == "unsharp":
        k, sigma, alpha, threshold = params["ksize"], params["sigma"], params["alpha"], params["threshold"]
        image = src.astype(np.float32) / 255
        blur = cv2.GaussianBlur(image, (k, k), sigmaX=sigma).reshape(image.shape)
        residual = image - blur
        mask = (np.abs(residual) * 255 > threshold).astype(np.float32)
        sharp = np.clip(image + alpha * residual, 0, 1)
        soft = cv2.GaussianBlur(mask, (k, k), sigmaX=sigma).reshape(image.shape)
        dst = np.clip(np.rint((sharp * soft + image * (1 - soft)) * 255), 0, 255)
    elif op == "sharpen_gaussian":
        k, sigma, alpha = params["ksize"], params["sigma"], params["alpha"]
        blurred = cv2.GaussianBlur(src, (k, k), sigmaX=sigma, sigmaY=sigma).reshape(src.shape).astype(np.float64)
        image = src.astype(np.float64)
        dst = np.clip(np.rint(image + alpha * (image - blurred)), 0, 255)
    elif op == "downscale":
        h, w = src.shape[:2]
        inter = {"nearest": cv2.INTER_NEAREST, "linear": cv2.INTER_LINEAR, "cubic": cv2.INTER_CUBIC, "area": cv2.INTER_AREA, "lanczos": cv2.INTER_LANCZOS4}
        small = cv2.resize(src, None, fx=params["scale"], fy=params["scale"], interpolation=inter[params["down"]])
        dst = cv2.resize(small, (w, h), interpolation=inter[params["up"]]).reshape(src.shape)
    elif op == "chromatic":
        h, w = src.shape[:2]
        camera = np.array([[w, 0, w / 2.0], [0, h, h / 2.0], [0, 0, 1]], dtype=np.float32)
        inter = {"nearest": cv2.INTER_NEAREST, "linear": cv2.INTER_LINEAR, "cubic": cv2.INTER_CUBIC}[params["interpolation"]]
        dst = src.copy()
        for channel, k1, k2 in ((0, params["k1_red"], params["k2_red"]), (2, params["k1_blue"], params["k2_blue"])):
            map_x, map_y = cv2.initUndistortRectifyMap(camera, np.array([k1, k2, 0, 0], dtype=np.float32), None, camera, (w, h), cv2.CV_32FC1)
            dst[..., channel] = cv2.remap(np.ascontiguousarray(src[..., channel]), map_x, map_y, interpolation=inter, borderMode=cv2.BORDER_REPLICATE)
    elif op == "superpixels":
        inter = {"nearest": cv2.INTER_NEAREST, "linear": cv2.INTER_LINEAR, "cubic": cv2.INTER_CUBIC, "area": cv2.INTER_AREA}[params["interpolation"]]
        image = src.astype(np.float32) / 255
        h, w = image.shape[:2]
        size = max(h, w)
        if size > params["max_size"]:
            scale = params["max_size"] / size
            image = cv2.resize(image, (int(w * scale), int(h * scale)), interpolation=inter).reshape(int(h * scale), int(w * scale), -1)
        labels = slic(image, n_segments=params["n_segments"], compactness=10)
        for label in np.unique(labels):
            image[labels == label] = image[labels == label].mean(axis=0)
        if image.shape[:2] != (h, w):
            image = cv2.resize(image, (w, h), interpolation=inter).reshape(h, w, -1)
        dst = np.clip(np.rint(image * 255), 0, 255)
    elif op == "filter2d":
        kernel = np.array(params["kernel"], dtype=np.float32)
        dst = cv2.filter2D(src, -1, kernel, borderType=cv2.BORDER_REFLECT_101).reshape(src.shape)
    else:
        raise ValueError(op)
    extra = "_".join(f"{k}{v}" for k, v in params.items() if k not in ("kernel", "transform"))
    cid = f"{params.get('transform', op)}_{os.path.splitext(src_name)[0][4:]}_{extra}"
    cases.append({"id": cid, "op": op, "src": src_name, "shape": list(src.shape), "dst": save(cid + "_dst.u8", dst), **params})


def sharpen_kernel(alpha, lightness):
    identity = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float32)
    effect = np.array([[-1, -1, -1], [-1, 8 + lightness, -1], [-1, -1, -1]], dtype=np.float32)
    return ((1 - alpha) * identity + alpha * effect).astype(np.float32)


def emboss_kernel(alpha, strength):
    identity = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float32)
    s = strength
    effect = np.array([[-1 - s, -s, 0], [-s, 1, s], [0, s, 1 + s]], dtype=np.float32)
    return ((1 - alpha) * identity + alpha * effect).astype(np.float32)


def ringing_kernel(ksize, cutoff):
    c = (ksize - 1) / 2
    y, x = np.mgrid[0:ksize, 0:ksize].astype(np.float64)
    r = np.sqrt((x - c) ** 2 + (y - c) ** 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        kernel = cutoff * special.j1(cutoff * r) / (2 * np.pi * r)
    kernel[int(c), int(c)] = cutoff ** 2 / (4 * np.pi)
    return (kernel / np.sum(kernel)).astype(np.float32)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    rgb = crop("astronaut.png", 180, 60, 64, 48)
    rgb_odd = crop("chelsea.png", 201, 103, 45, 37)
    gray = crop("camera.png", 200, 90, 64, 48)
    gray_odd = crop("camera.png", 301, 57, 37, 29)
    for quality in (20, 50, 90, 100):
        for src in (rgb, rgb_odd, gray, gray_odd):
            add("jpeg", src, quality=quality)
    for quality in (50, 90):
        for src in (rgb, gray):
            add("webp", src, quality=quality)
    for alpha, lightness in ((0.3, 0.7), (0.5, 1.0)):
        for src in (rgb_odd, gray_odd):
            add("filter2d", src, kernel=sharpen_kernel(alpha, lightness).tolist(), transform="sharpen", alpha=alpha, lightness=lightness)
    for alpha, strength in ((0.4, 0.3), (0.6, 0.7)):
        for src in (rgb_odd, gray_odd):
            add("filter2d", src, kernel=emboss_kernel(alpha, strength).tolist(), transform="emboss", alpha=alpha, strength=strength)
    for ksize, cutoff in ((7, 0.9), (15, 0.5)):
        for src in (rgb_odd, gray_odd):
            add("filter2d", src, kernel=ringing_kernel(ksize, cutoff).tolist(), transform="ringing_overshoot", ksize=ksize, cutoff=cutoff)
    for k, sigma, alpha, threshold in ((5, 1.0, 0.5, 10), (3, 0.0, 0.3, 0), (7, 2.0, 0.8, 20)):
        for src in (rgb_odd, gray_odd):
            add("unsharp", src, ksize=k, sigma=sigma, alpha=alpha, threshold=threshold)
    for k, sigma, alpha in ((5, 1.0, 0.4), (3, 0.8, 0.9)):
        for src in (rgb_odd, gray_odd):
            add("sharpen_gaussian", src, ksize=k, sigma=sigma, alpha=alpha)
    for scale, down, up in ((0.5, "nearest", "nearest"), (0.25, "nearest", "nearest"), (0.5, "area", "linear"), (0.25, "linear", "cubic"), (0.5, "cubic", "lanczos")):
        for src in (rgb, gray):
            add("downscale", src, scale=scale, down=down, up=up)
    for interpolation, k in (("linear", (0.3, 0.5, -0.2, -0.4)), ("nearest", (-0.25, -0.1, 0.25, 0.1)), ("cubic", (0.15, 0.3, 0.1, 0.2))):
        for src in (rgb, rgb_odd):
            add("chromatic", src, interpolation=interpolation, k1_red=k[0], k2_red=k[1], k1_blue=k[2], k2_blue=k[3])
    for n in (10, 40):
        for src in (rgb, gray, rgb_odd):
            add("slic", src, n_segments=n)
    for n, max_size, interpolation in ((20, 32, "linear"), (30, 40, "nearest"), (15, 64, "cubic")):
        for src in (rgb, gray):
            add("superpixels", src, n_segments=n, max_size=max_size, interpolation=interpolation)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"opencv": cv2.__version__, "cases": cases}, f, indent=1)
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
