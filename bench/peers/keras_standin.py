#!/usr/bin/python3
"""Keras' numbers for the KerasPipeline row, from a stand-in for Keras.

This script stands in for Keras' ImageDataGenerator.random_transform, so that the row can be
timed without TensorFlow: it does exactly what Keras 2.9-2.15 (and Keras 3's legacy generator)
does for the row's arguments (src/AugSharp/Benchmarking/transforms.json): draw the parameters with
numpy seeded per image (random_transform(x, seed=i)), build the affine matrix about the centre,
scipy.ndimage.affine_transform with order 1 on each channel, flip with a reversed view, and
Pillow's ImageEnhance.Brightness on the array truncated to uint8, back to float32. The input is
float32 HWC, as Keras' img_to_array gives it (converted before timing).

With --end-to-end it times, per file held in memory: Pillow decode, img_to_array, the same
transform, and a Pillow JPEG encode at quality 90. The results have the JSON shape of
`augsharp bench --json`:

    /usr/bin/python3 bench/peers/keras_standin.py --json keras.json
    augsharp bench --compare keras.json
"""
import io
import sys

import numpy as np
import scipy
from PIL import Image, ImageEnhance
from scipy import ndimage

import peer_common as common


class RandomTransform:
    """ImageDataGenerator(**row arguments).random_transform on one channels-last image."""

    def __init__(self, row):
        self.rotation_range = row.get("rotation_range", 0)
        self.width_shift_range = row.get("width_shift_range", 0)
        self.height_shift_range = row.get("height_shift_range", 0)
        self.shear_range = row.get("shear_range", 0)
        zoom = row.get("zoom_range", 0)
        self.zoom_range = [1 - zoom, 1 + zoom] if np.isscalar(zoom) else list(zoom)
        self.horizontal_flip = row.get("horizontal_flip", False)
        self.vertical_flip = row.get("vertical_flip", False)
        self.brightness_range = row.get("brightness_range")
        self.fill_mode = row.get("fill_mode", "nearest")
        self.cval = 0.0
        self.order = 1

    def get_random_transform(self, shape, seed):
        np.random.seed(seed)
        theta = np.random.uniform(-self.rotation_range, self.rotation_range) if self.rotation_range else 0
        # Floats below 1: a fraction of the size; Keras shifts "height" along axis 0 and "width" along axis 1.
        tx = np.random.uniform(-self.height_shift_range, self.height_shift_range) * shape[0] if self.height_shift_range else 0
        ty = np.random.uniform(-self.width_shift_range, self.width_shift_range) * shape[1] if self.width_shift_range else 0
        shear = np.random.uniform(-self.shear_range, self.shear_range) if self.shear_range else 0
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zx, zy = 1, 1
        else:
            zx, zy = np.random.uniform(self.zoom_range[0], self.zoom_range[1], 2)
        flip_h = (np.random.random() < 0.5) * self.horizontal_flip
        flip_v = (np.random.random() < 0.5) * self.vertical_flip
        brightness = np.random.uniform(self.brightness_range[0], self.brightness_range[1]) if self.brightness_range else None
        return theta, tx, ty, shear, zx, zy, flip_h, flip_v, brightness

    def apply_affine_transform(self, x, theta, tx, ty, shear, zx, zy):
        # keras.preprocessing.image.apply_affine_transform with row_axis=0, col_axis=1, channel_axis=2.
        m = None
        if theta != 0:
            t = np.deg2rad(theta)
            m = np.array([[np.cos(t), -np.sin(t), 0], [np.sin(t), np.cos(t), 0], [0, 0, 1]])
        if tx != 0 or ty != 0:
            shift = np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]])
            m = shift if m is None else m @ shift
        if shear != 0:
            s = np.deg2rad(shear)
            sm = np.array([[1, -np.sin(s), 0], [0, np.cos(s), 0], [0, 0, 1]])
            m = sm if m is None else m @ sm
        if zx != 1 or zy != 1:
            zm = np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]])
            m = zm if m is None else m @ zm
        if m is None:
            return x
        h, w = x.shape[0], x.shape[1]
        o_x, o_y = float(h) / 2 - 0.5, float(w) / 2 - 0.5
        m = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]]) @ m @ np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
        x = np.rollaxis(x, 2, 0)
        # col_axis > row_axis: Keras swaps the matrix's axes.
        m[:, [0, 1]] = m[:, [1, 0]]
        m[[0, 1]] = m[[1, 0]]
        channels = [ndimage.affine_transform(c, m[:2, :2], m[:2, 2], order=self.order, mode=self.fill_mode, cval=self.cval) for c in x]
        return np.rollaxis(np.stack(channels, axis=0), 0, 3)

    def __call__(self, x, seed):
        theta, tx, ty, shear, zx, zy, flip_h, flip_v, brightness = self.get_random_transform(x.shape, seed)
        x = self.apply_affine_transform(x, theta, tx, ty, shear, zx, zy)
        if flip_h:
            x = x[:, ::-1, :]
        if flip_v:
            x = x[::-1, :, :]
        if brightness is not None:
            # apply_brightness_shift(x, brightness, scale=False): array_to_img, enhance, img_to_array.
            img = Image.fromarray(np.asarray(x, dtype=np.float32).astype("uint8"), "RGB")
            x = np.asarray(ImageEnhance.Brightness(img).enhance(brightness), dtype=np.float32)
        return x


def main():
    args = common.arguments(__doc__.splitlines()[0])
    row = common.load_set()["KerasPipeline"]
    transform = RandomTransform(row)
    files = common.image_files(args.images)
    if args.transforms:
        common.selected(args, ["KerasPipeline"])
    results = []
    if args.end_to_end:
        encoded = []
        for f in files:
            with open(f, "rb") as stream:
                encoded.append(stream.read())

        def end_to_end(i):
            img = Image.open(io.BytesIO(encoded[i])).convert("RGB")
            out = transform(np.asarray(img, dtype=np.float32), i)
            buffer = io.BytesIO()
            Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8), "RGB").save(buffer, "JPEG", quality=90)

        results.append(common.time_row("EndToEnd", len(files), end_to_end, args.threads, args.runs, args.min_time / 1000))
    else:
        # img_to_array: float32 HWC, before timing.
        images = [np.asarray(Image.open(f).convert("RGB"), dtype=np.float32) for f in files]
        results.append(common.time_row("KerasPipeline", len(images), lambda i: transform(images[i], i), args.threads, args.runs, args.min_time / 1000))
    runtime = f"CPython {'.'.join(map(str, sys.version_info[:3]))}, scipy {scipy.__version__}, Pillow {Image.__version__}, numpy {np.__version__}"
    common.write_report(args.json, "Keras stand-in", results, [], common.machine(runtime, []), {})
    common.print_table("Keras stand-in", results, [])


if __name__ == "__main__":
    main()
