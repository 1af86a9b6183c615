#!/usr/bin/python3
"""OpenCV's numbers for the per-transform benchmark set (src/AugSharp/Benchmarking/transforms.json).

Every row does the work `augsharp bench` does, with the same fixed parameters, on the same images
decoded into memory first (uint8 RGB), one OpenCV thread (cv2.setNumThreads(1)); --threads N runs
N images at a time in a thread pool (OpenCV releases the GIL). The results have the JSON shape
of `augsharp bench --json`; compare with

    /usr/bin/python3 bench/peers/opencv_bench.py --json opencv.json --outputs opencv-out
    augsharp bench --compare opencv.json

(--outputs writes each row's output of the first image, so that --compare can show the mean
absolute difference from AugSharp's.) The KerasPipeline row is keras_standin.py's.
"""
import math
import os

import cv2
import numpy as np

import peer_common as common

cv2.setNumThreads(1)

INTER = {"nearest": cv2.INTER_NEAREST, "linear": cv2.INTER_LINEAR, "cubic": cv2.INTER_CUBIC, "area": cv2.INTER_AREA}
BORDER = {"constant": cv2.BORDER_CONSTANT, "replicate": cv2.BORDER_REPLICATE, "reflect": cv2.BORDER_REFLECT,
          "reflect101": cv2.BORDER_REFLECT_101, "wrap": cv2.BORDER_WRAP}


def rnd(v):
    """Rounds half away from zero, as AugSharp's benchmark sizes its crops and area resizes."""
    return int(math.floor(v + 0.5))


def lut_apply(img, table):
    return cv2.LUT(img, np.clip(np.rint(table), 0, 255).astype(np.uint8))


def build(row, img):
    """A function applying the row to `img` with everything that does not depend on the pixels computed once."""
    name = row["name"]
    h, w = img.shape[:2]
    if name == "HorizontalFlip":
        return lambda: cv2.flip(img, 1)
    if name == "VerticalFlip":
        return lambda: cv2.flip(img, 0)
    if name == "Rotate":
        m = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), row["angle_deg"], 1.0)
        return lambda: cv2.warpAffine(img, m, (w, h), flags=INTER[row["interpolation"]], borderMode=BORDER[row["border"]])
    if name == "Affine":
        # About the centre: scale, then shear (x += tan(shear)*y), then rotation (getRotationMatrix2D's sense), then translation.
        cx, cy = (w - 1) / 2, (h - 1) / 2
        a, s = math.radians(row["angle_deg"]), row["scale"]
        rot = np.array([[math.cos(a), math.sin(a), 0], [-math.sin(a), math.cos(a), 0], [0, 0, 1]])
        shear = np.array([[1, math.tan(math.radians(row["shear_deg"])), 0], [0, 1, 0], [0, 0, 1]])
        scale = np.diag([s, s, 1.0])
        tx, ty = row["translate_px"]
        m = (np.array([[1, 0, cx + tx], [0, 1, cy + ty], [0, 0, 1]]) @ rot @ shear @ scale
             @ np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]]))[:2]
        value = row.get("border_value", 0)
        return lambda: cv2.warpAffine(img, m, (w, h), flags=INTER[row["interpolation"]], borderMode=BORDER[row["border"]],
                                      borderValue=(value, value, value, value))
    if name == "Perspective":
        corners = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float64)
        moved = corners + np.array(row["corner_offsets_fraction"]) * np.array([w, h])
        m = cv2.getPerspectiveTransform(moved.astype(np.float32), corners.astype(np.float32))
        return lambda: cv2.warpPerspective(img, m, (w, h), flags=INTER[row["interpolation"]], borderMode=BORDER[row["border"]])
    if name == "Resize":
        size = tuple(row["size"])
        return lambda: cv2.resize(img, size, interpolation=INTER[row["interpolation"]])
    if name == "ResizeArea":
        size = (max(1, rnd(w * row["scale"])), max(1, rnd(h * row["scale"])))
        return lambda: cv2.resize(img, size, interpolation=INTER[row["interpolation"]])
    if name == "RandomResizedCrop":
        fx, fy, fw, fh = row["crop_fraction"]
        x, y = rnd(fx * w), rnd(fy * h)
        cw, ch = min(w - x, max(1, rnd(fw * w))), min(h - y, max(1, rnd(fh * h)))
        size = tuple(row["size"])
        return lambda: cv2.resize(img[y:y + ch, x:x + cw], size, interpolation=INTER[row["interpolation"]])
    if name == "Brightness":
        table = np.arange(256) + row["add_fraction"] * 255
        return lambda: lut_apply(img, table)
    if name == "Contrast":
        f = row["factor"]
        # The mean depends on the pixels, so it is part of the timed work.
        return lambda: lut_apply(img, (np.arange(256) - img.mean()) * f + img.mean())
    if name == "Gamma":
        table = 255 * (np.arange(256) / 255) ** row["gamma"]
        return lambda: lut_apply(img, table)
    if name == "Grayscale":
        return lambda: cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    if name == "HSVShift":
        hue = np.uint8(round(row["hue_shift_deg"] / 2))
        hue_lut = ((np.arange(256) + hue) % 180).astype(np.uint8)
        sat_lut = np.clip(np.rint(np.arange(256) * row["sat_factor"]), 0, 255).astype(np.uint8)
        val_lut = np.clip(np.rint(np.arange(256) * row["val_factor"]), 0, 255).astype(np.uint8)

        def hsv():
            hh, ss, vv = cv2.split(cv2.cvtColor(img, cv2.COLOR_RGB2HSV))
            return cv2.cvtColor(cv2.merge((cv2.LUT(hh, hue_lut), cv2.LUT(ss, sat_lut), cv2.LUT(vv, val_lut))), cv2.COLOR_HSV2RGB)
        return hsv
    if name == "GaussianBlur":
        k = row["kernel"]
        return lambda: cv2.GaussianBlur(img, (k, k), row["sigma"], borderType=BORDER[row["border"]])
    if name == "MedianBlur":
        return lambda: cv2.medianBlur(img, row["kernel"])
    if name == "Equalize":
        return lambda: cv2.merge([cv2.equalizeHist(c) for c in cv2.split(img)])
    if name == "CLAHE":
        clahe = cv2.createCLAHE(clipLimit=row["clip_limit"], tileGridSize=tuple(row["tiles"]))

        def clahe_lab():
            lab = cv2.cvtColor(img, cv2.COLOR_RGB2LAB)
            lab[:, :, 0] = clahe.apply(lab[:, :, 0])
            return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)
        return clahe_lab
    if name == "Normalize":
        mean = np.array(row["mean"], dtype=np.float32) * 255
        inv_std = 1 / (np.array(row["std"], dtype=np.float32) * 255)
        return lambda: (img.astype(np.float32) - mean) * inv_std
    if name == "Elastic":
        alpha, sigma = row["alpha"], row["sigma"]
        grid_x, grid_y = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
        rng = np.random.default_rng(0)

        def elastic():
            dx = cv2.GaussianBlur(rng.random((h, w), dtype=np.float32) * 2 - 1, (0, 0), sigma) * alpha
            dy = cv2.GaussianBlur(rng.random((h, w), dtype=np.float32) * 2 - 1, (0, 0), sigma) * alpha
            return cv2.remap(img, grid_x + dx, grid_y + dy, INTER[row["interpolation"]], borderMode=BORDER[row["border"]])
        return elastic
    if name == "Memcpy":
        return lambda: img.copy()
    return None


def main():
    args = common.arguments(__doc__.splitlines()[0])
    rows = common.load_set()
    rows["Memcpy"] = {"name": "Memcpy"}
    files = common.image_files(args.images)
    # Decoded into memory first, as uint8 RGB (gray repeated, alpha dropped).
    images = [cv2.cvtColor(cv2.imread(f, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB) for f in files]
    available = [n for n in rows if n != "KerasPipeline"]
    names = common.selected(args, available)
    results, outputs = [], {}
    for name in names:
        work = [build(rows[name], img) for img in images]
        results.append(common.time_row(name, len(images), lambda i: work[i](), args.threads, args.runs, args.min_time / 1000))
        print(f"{name:<20}{results[-1]['img_per_s']:>12,.1f} img/s", flush=True)
        if args.outputs:
            out = work[0]()
            if out.dtype == np.uint8:
                os.makedirs(args.outputs, exist_ok=True)
                path = os.path.join(args.outputs, name + ".raw")
                out = out if out.ndim == 3 else out[:, :, None]
                np.ascontiguousarray(out).tofile(path)
                outputs[name] = (path, out.shape)
    unavailable = ["KerasPipeline"] if not args.transforms else []
    runtime = f"CPython {'.'.join(map(str, __import__('sys').version_info[:3]))}, OpenCV {cv2.__version__}, numpy {np.__version__}"
    simd = cv2.getCPUFeaturesLine().split()
    common.write_report(args.json, "OpenCV", results, unavailable, common.machine(runtime, simd), outputs)
    common.print_table("OpenCV", results, unavailable)


if __name__ == "__main__":
    main()
