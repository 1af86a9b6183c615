#!/usr/bin/env python3
"""Writes OpenCV reference outputs for AugSharp's weather transform tests.

Each case is a fixed recipe (polygons, drops, circles, fog particles, stones, a snow point) painted with
OpenCV's own primitives (fillPoly, polylines, circle, blur, GaussianBlur, addWeighted and the
8-bit HLS conversions), the way the weather effects are defined.

Run with Debian's OpenCV (apt-get install python3-opencv python3-numpy):
    /usr/bin/python3 tools/opencv_weather_references.py
Output: tests/AugSharp.Tests/TestData/OpenCvWeather/ (manifest.json plus raw uint8 RGB pixel
files, row-major and interleaved, .u8).
"""
import json
import os
import shutil

import cv2
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData", "OpenCvWeather")
H, W = 72, 96


def save(name, array):
    array = np.ascontiguousarray(array, dtype=np.uint8)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(array.tobytes())
    return name


def picture(seed):
    """A smooth coloured picture with some texture."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    r = 120 + 90 * np.sin(x / 11.0 + seed) * np.cos(y / 15.0)
    g = 50 + 150 * (x / W) ** 1.3
    b = 190 - 130 * (y / H) + 25 * np.sin((x + y) / 6.0)
    img = np.stack([r, g, b], axis=-1) + rng.normal(0, 10, (H, W, 3))
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def shadow(img, polygons):
    out = img.copy()
    for xs, ys, intensity in polygons:
        mask = np.zeros((H, W), np.uint8)
        cv2.fillPoly(mask, [np.stack([xs, ys], axis=1).astype(np.int32)], 255)
        covered = mask == 255
        out[covered] = np.clip(out[covered] * (1 - intensity), 0, 255).astype(np.uint8)
    return out


def rain(img, xs, ys, slant, length, width, color, blur, brightness):
    layer = np.zeros_like(img)
    starts = np.stack([xs, ys], axis=1).astype(np.float64)
    ends = starts + np.array([[slant, length]])
    cv2.polylines(layer, np.stack([starts, ends], axis=1).astype(np.int32), False, color, width, lineType=cv2.LINE_4)
    if blur > 1:
        layer = cv2.blur(layer, (blur, blur))
    out = cv2.add(img, layer)
    if brightness == 1.0:
        return out
    # Every channel is dimmed (a bare number multiplies only the first channel before OpenCV 4.9).
    return cv2.multiply(out, np.full(out.shape, brightness), dtype=cv2.CV_8U)


def flare_overlay(img, center, radius, color, circles):
    overlay = img.copy()
    out = img.copy()
    weighted = total = 0.0
    for alpha, (x, y), rad, c in circles:
        weighted += alpha * rad
        total += rad
        cv2.circle(overlay, (x, y), rad, c, -1)
        out = cv2.addWeighted(overlay, alpha, out, 1 - alpha, 0)
    overlay = out.copy()
    steps = radius // 10
    alphas = np.linspace(0.0, min(weighted / total * 5, 1.0), num=steps)
    radii = np.linspace(1, radius, num=steps)
    for i in range(steps):
        cv2.circle(overlay, center, int(radii[i]), color, -1)
        a = alphas[steps - i - 1] ** 3
        out = cv2.addWeighted(overlay, a, out, 1 - a, 0)
    return out


def flare_physics(img, center, radius, color, circles):
    layer = np.zeros(img.shape, np.float32)
    cv2.circle(layer, center, radius, color, -1)
    reach = max(W, H)
    for degrees in (0, 45, 90, 135):
        end = (int(center[0] + np.cos(np.radians(degrees)) * reach), int(center[1] + np.sin(np.radians(degrees)) * reach))
        cv2.line(layer, center, end, color, 2)
    for _, c, size, col in circles:
        cv2.circle(layer, c, int(size ** 0.33), col, -1)
    layer = cv2.GaussianBlur(layer, (0, 0), sigmaX=15, sigmaY=15)
    yy, xx = np.ogrid[:H, :W]
    fade = 1 - np.clip(np.sqrt((xx - center[0]) ** 2 + (yy - center[1]) ** 2) / (reach * 0.7), 0, 1)
    layer *= np.dstack([fade] * 3).astype(np.float32)
    planes = list(cv2.split(layer))
    planes[0] = cv2.GaussianBlur(planes[0], (0, 0), sigmaX=3, sigmaY=3)
    planes[2] = cv2.GaussianBlur(planes[2], (0, 0), sigmaX=5, sigmaY=5)
    layer = cv2.merge(planes)
    out = 255 - (255 - img.astype(np.float32)) * (255 - layer) / 255
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def gravel(img, stones):
    hls = cv2.cvtColor(img, cv2.COLOR_RGB2HLS)
    for x1, y1, x2, y2, level in stones:
        hls[y1:y2, x1:x2, 1] = level
    return cv2.cvtColor(hls, cv2.COLOR_HLS2RGB)


def snow_bleach(img, point, coeff):
    hls = cv2.cvtColor(img, cv2.COLOR_RGB2HLS)
    lightness = hls[:, :, 1].astype(np.float32)
    low = lightness < point * 255 / 2 + 255 / 3
    lightness[low] *= coeff
    hls[:, :, 1] = np.clip(lightness, 0, 255).astype(np.uint8)
    return cv2.cvtColor(hls, cv2.COLOR_HLS2RGB)


def liquid_layer(rng):
    """A spatter liquid layer: normal noise blurred with replicated borders, cut below 0.68."""
    layer = rng.normal(0.65, 0.3, (H, W))
    layer = cv2.GaussianBlur(layer, (13, 13), 2, 2, borderType=cv2.BORDER_REPLICATE)
    layer[layer < 0.68] = 0
    return layer.astype(np.float32)


def drop_shapes(layer):
    """The rain spatter's drop shapes (0..1) from a liquid layer."""
    level = np.clip(layer * 255, 0, 255).astype(np.uint8)
    edges = cv2.Canny(level, 50, 150)
    dist = cv2.distanceTransform(255 - edges, cv2.DIST_L2, 5)
    _, dist = cv2.threshold(dist, 20, 20, cv2.THRESH_TRUNC)
    dist = cv2.GaussianBlur(dist, (3, 3), 1, 1, borderType=cv2.BORDER_REPLICATE)
    dist = cv2.equalizeHist(np.clip(dist, 0, 255).astype(np.uint8))
    dist = cv2.filter2D(dist, -1, np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], np.float32))
    dist = cv2.GaussianBlur(dist, (5, 5), 1.5, 1.5, borderType=cv2.BORDER_REPLICATE).astype(np.float32)
    m = level.astype(np.float32) * dist
    return m / m.max(), edges, cv2.distanceTransform(255 - edges, cv2.DIST_L2, 5)


def save_f32(name, array):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.ascontiguousarray(array, dtype="<f4").tobytes())
    return name


def fog(img, particles, alpha):
    out = img.copy()
    for x, y, r in particles:
        overlay = out.copy()
        cv2.circle(overlay, (x, y), r, (255, 255, 255), -1)
        out = cv2.addWeighted(overlay, alpha, out, 1 - alpha, 0)
    size = max(3, min(H, W) // 30) | 1
    return cv2.GaussianBlur(out, (size, size), 0)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = np.random.default_rng(7)
    src = picture(3)
    cases = []

    def case(op, dst, **params):
        name = f"{op}-{len(cases)}"
        cases.append({"id": name, "op": op, "dst": save(name + ".u8", dst), **params})

    for _ in range(3):
        polygons = [(rng.integers(5, 90, 5).tolist(), rng.integers(30, 70, 5).tolist(), float(rng.uniform(0.3, 0.7))) for _ in range(2)]
        case("shadow", shadow(src, polygons), polygons=[{"xs": xs, "ys": ys, "intensity": a} for xs, ys, a in polygons])

    for slant, width, blur, brightness in ((0.0, 1, 1, 1.0), (-7.6, 1, 3, 0.7), (9.3, 2, 5, 0.8)):
        xs = rng.integers(0, W, 24).tolist()
        ys = rng.integers(0, H - 9, 24).tolist()
        color = [200, 190, 180]
        case("rain", rain(src, xs, ys, slant, 9, width, color, blur, brightness), xs=xs, ys=ys, slant=slant, length=9,
             width=width, color=color, blur=blur, brightness=brightness)

    for method, paint in (("overlay", flare_overlay), ("physics_based", flare_physics)):
        center = (int(rng.integers(10, 80)), int(rng.integers(5, 30)))
        circles = []
        for _ in range(6):
            r = int(rng.integers(1, 3))
            circles.append((float(rng.uniform(0.05, 0.2)), (int(rng.integers(0, W)), int(rng.integers(0, H))), r ** 3,
                            [int(v) for v in rng.integers(200, 256, 3)]))
        color = [255, 240, 210]
        case("sun_flare", paint(src, center, 40, color, circles), method=method, center=list(center), radius=40, color=color,
             circles=[{"alpha": a, "x": c[0], "y": c[1], "radius": rad, "color": col} for a, c, rad, col in circles])

    stones = []
    for _ in range(12):
        x, y, r = int(rng.integers(10, 86)), int(rng.integers(30, 62)), int(rng.integers(1, 4))
        stones.append([max(x - r, 0), max(y - r, 0), min(x + r, W - 1), min(y + r, H - 1), int(rng.integers(0, 256))])
    case("gravel", gravel(src, stones), stones=stones)

    for point, coeff in ((0.1, 2.5), (0.3, 1.6)):
        case("snow_bleach", snow_bleach(src, point, coeff), snow_point=point, brightness_coeff=coeff)

    for count, radius, alpha in ((150, 5, 0.03), (60, 9, 0.08)):
        particles = [(int(rng.integers(0, W)), int(rng.integers(0, H)), int(rng.integers(radius // 2, radius))) for _ in range(count)]
        case("fog", fog(src, particles, alpha), particles=[list(p) for p in particles], alpha=alpha)

    spatter = []
    for k in range(2):
        layer = liquid_layer(rng)
        shapes, edges, distance = drop_shapes(layer)
        spatter.append({"layer": save_f32(f"liquid-{k}.f32", layer), "edges": save(f"edges-{k}.u8", edges),
                        "distance": save_f32(f"distance-{k}.f32", distance), "drops": save_f32(f"drops-{k}.f32", shapes)})

    manifest = {"spatter": spatter, "opencv": cv2.__version__, "source": save("source.u8", src), "shape": [H, W, 3], "cases": cases}
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
