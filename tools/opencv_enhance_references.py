#!/usr/bin/env python3
"""Writes OpenCV and scikit-image reference figures and outputs for AugSharp's enhancement tests.

Run with Debian's packages (apt-get install python3-opencv python3-numpy python3-skimage):
    /usr/bin/python3 tools/opencv_enhance_references.py
Output: tests/AugSharp.Tests/TestData/OpenCvEnhance/
  manifest.json   per photo: the 256x256 centre crop (RGB, or gray for camera.png) shrunk by 2 with
                  INTER_AREA and enlarged by 2 with INTER_LANCZOS4 and INTER_CUBIC; PSNR and SSIM
                  against the crop (skimage: gaussian_weights, sigma 1.5, use_sample_covariance False)
  *.u8 / *.u16    raw row-major interleaved pixels: equalizeHist and createCLAHE on crops of
                  camera.png (gray) and chelsea.png (RGB, on the L of Lab), and CLAHE on a 16-bit image
  ct16.tif        that 16-bit gray image, as a TIFF
"""
import json
import os
import shutil

import cv2
import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "AugSharp.Tests", "TestData")
OUT = os.path.join(ROOT, "OpenCvEnhance")
PHOTOS = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg"]
CROP = 256


def read(name):
    image = cv2.imread(os.path.join(ROOT, "Images", name), cv2.IMREAD_UNCHANGED)
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    return image


def centre_crop(image, height, width):
    y0 = (image.shape[0] - height) // 2
    x0 = (image.shape[1] - width) // 2
    return image[y0:y0 + height, x0:x0 + width], x0, y0


def ssim(a, b, data_range):
    return structural_similarity(a, b, data_range=data_range, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False, channel_axis=-1 if a.ndim == 3 else None)


def save(name, array):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.ascontiguousarray(array).tobytes())
    return name


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    upscale = []
    for name in PHOTOS:
        crop, x0, y0 = centre_crop(read(name), CROP, CROP)
        small = cv2.resize(crop, (CROP // 2, CROP // 2), interpolation=cv2.INTER_AREA)
        entry = {"photo": name, "x": x0, "y": y0, "width": CROP, "height": CROP}
        for method, flag in [("lanczos", cv2.INTER_LANCZOS4), ("bicubic", cv2.INTER_CUBIC)]:
            big = cv2.resize(small, (CROP, CROP), interpolation=flag)
            entry[method] = {"psnr": peak_signal_noise_ratio(crop, big, data_range=255), "ssim": ssim(crop, big, 255)}
        upscale.append(entry)

    cases = []
    gray, gx, gy = centre_crop(read("camera.png"), 96, 128)
    rgb, rx, ry = centre_crop(read("chelsea.png"), 96, 128)
    cases.append({"op": "equalize", "photo": "camera.png", "x": gx, "y": gy, "width": 128, "height": 96, "channels": 1,
                  "dst": save("equalize_camera.u8", cv2.equalizeHist(gray))})
    cases.append({"op": "clahe", "photo": "camera.png", "x": gx, "y": gy, "width": 128, "height": 96, "channels": 1,
                  "clip_limit": 2.0, "tiles": 8, "dst": save("clahe_camera.u8", cv2.createCLAHE(2.0, (8, 8)).apply(gray))})
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    ycc[..., 0] = cv2.equalizeHist(ycc[..., 0])
    cases.append({"op": "equalize", "photo": "chelsea.png", "x": rx, "y": ry, "width": 128, "height": 96, "channels": 3,
                  "dst": save("equalize_chelsea.u8", cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB))})
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    lab[..., 0] = cv2.createCLAHE(3.0, (4, 4)).apply(lab[..., 0])
    cases.append({"op": "clahe", "photo": "chelsea.png", "x": rx, "y": ry, "width": 128, "height": 96, "channels": 3,
                  "clip_limit": 3.0, "tiles": 4, "dst": save("clahe_chelsea.u8", cv2.cvtColor(lab, cv2.COLOR_LAB2RGB))})

    # A 16-bit "scan": the camera crop spread over 12 bits of a narrow window plus a smooth ramp, as CT values are.
    ramp = np.linspace(0, 900, 128)[None, :] + np.linspace(0, 400, 96)[:, None]
    ct = np.clip(np.rint(1000 + gray.astype(np.float64) * 12 + ramp), 0, 65535).astype(np.uint16)
    cv2.imwrite(os.path.join(OUT, "ct16.tif"), ct)
    cases.append({"op": "clahe16", "photo": "ct16.tif", "x": 0, "y": 0, "width": 128, "height": 96, "channels": 1,
                  "clip_limit": 2.0, "tiles": 8, "dst": save("clahe_ct16.u16", cv2.createCLAHE(2.0, (8, 8)).apply(ct))})
    cases.append({"op": "clahe16", "photo": "ct16.tif", "x": 0, "y": 0, "width": 128, "height": 96, "channels": 1,
                  "clip_limit": 0.0, "tiles": 3, "dst": save("clahe_ct16_noclip.u16", cv2.createCLAHE(0.0, (3, 3)).apply(ct))})

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"opencv": cv2.__version__, "upscale": upscale, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
