using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

public class ImageDataGeneratorTests
{
    [Fact]
    public void Defaults_are_keras_defaults()
    {
        var g = new ImageDataGenerator();
        Assert.False(g.FeaturewiseCenter);
        Assert.False(g.SamplewiseCenter);
        Assert.Equal(1e-6, g.ZcaEpsilon);
        Assert.Equal(0, g.RotationRange);
        Assert.False(g.WidthShiftRange.IsActive);
        Assert.Null(g.BrightnessRange);
        Assert.True(g.ZoomRange.IsIdentity);
        Assert.Equal(FillMode.Nearest, g.FillMode);
        Assert.Equal(0, g.Cval);
        Assert.Null(g.Rescale);
        Assert.Equal(DataFormat.ChannelsLast, g.DataFormat);
        Assert.Equal(1, g.InterpolationOrder);
        Assert.Equal("float32", g.Dtype);
    }

    [Fact]
    public void Zca_forces_center_and_disables_featurewise_std()
    {
        var g = new ImageDataGenerator(zcaWhitening: true, featurewiseStdNormalization: true);
        Assert.True(g.FeaturewiseCenter);
        Assert.False(g.FeaturewiseStdNormalization);
        Assert.Equal(2, g.Warnings.Count);
    }

    [Fact]
    public void Std_normalisation_flags_switch_centring_on()
    {
        var g = new ImageDataGenerator(featurewiseStdNormalization: true, samplewiseStdNormalization: true);
        Assert.True(g.FeaturewiseCenter);
        Assert.True(g.SamplewiseCenter);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void Validation_split_outside_open_unit_interval_is_refused(double split)
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(validationSplit: split));
        Assert.Contains("`validation_split` must be strictly between 0 and 1", e.Message);
    }

    [Fact]
    public void Brightness_range_must_have_two_values()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(brightnessRange: [0.5]));
        Assert.Contains("brightness_range", e.Message);
    }

    [Fact]
    public void Zoom_range_list_must_have_two_values()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(zoomRange: new double[] { 0.5, 1, 2 }));
        Assert.Contains("`zoom_range` should be a float or a tuple or list of two floats", e.Message);
    }

    [Fact]
    public void Zoom_number_means_one_minus_to_one_plus()
    {
        var g = new ImageDataGenerator(zoomRange: 0.25);
        Assert.Equal(new ZoomRange(0.75, 1.25), g.ZoomRange);
    }

    [Fact]
    public void Data_format_names_are_parsed_with_keras_error()
    {
        Assert.Equal(DataFormat.ChannelsFirst, KerasNames.ParseDataFormat("channels_first"));
        var e = Assert.Throws<ArgumentException>(() => KerasNames.ParseDataFormat("NHWC"));
        Assert.Contains("`data_format` should be", e.Message);
    }

    [Fact]
    public void Same_seed_same_transform_and_different_items_differ()
    {
        var g = new ImageDataGenerator(rotationRange: 40, widthShiftRange: 0.2, heightShiftRange: 0.2, shearRange: 10, zoomRange: 0.3,
            horizontalFlip: true, verticalFlip: true, brightnessRange: [0.5, 1.5], channelShiftRange: 20);
        var a = g.Sample(RandomStream.For(7, 3, 1), new ImageShape(48, 64, 3));
        var b = g.Sample(RandomStream.For(7, 3, 1), new ImageShape(48, 64, 3));
        var c = g.Sample(RandomStream.For(7, 4, 1), new ImageShape(48, 64, 3));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(g.GetRandomTransform([48, 64, 3], seed: 5), g.GetRandomTransform([48, 64, 3], seed: 5));
    }

    [Fact]
    public void Draws_stay_in_keras_ranges()
    {
        var g = new ImageDataGenerator(rotationRange: 30, widthShiftRange: 0.1, heightShiftRange: 0.25, shearRange: 5, zoomRange: new[] { 0.8, 1.2 },
            brightnessRange: [0.4, 0.6], channelShiftRange: 10);
        var rng = new RandomStream(1);
        for (int i = 0; i < 2000; i++)
        {
            var p = g.Sample(rng, [40, 100, 3]);
            Assert.InRange(p.Theta, -30, 30);
            Assert.InRange(p.Tx, -0.25 * 40, 0.25 * 40); // tx: height_shift_range times H
            Assert.InRange(p.Ty, -0.1 * 100, 0.1 * 100); // ty: width_shift_range times W
            Assert.InRange(p.Shear, -5, 5);
            Assert.InRange(p.Zx, 0.8, 1.2);
            Assert.InRange(p.Zy, 0.8, 1.2);
            Assert.InRange(p.Brightness!.Value, 0.4, 0.6);
            Assert.InRange(p.ChannelShiftIntensity!.Value, -10, 10);
            Assert.False(p.FlipHorizontal);
        }
    }

    [Fact]
    public void Unset_options_draw_nothing()
    {
        var p = new ImageDataGenerator().Sample(new RandomStream(3), [10, 10, 1]);
        Assert.Equal(KerasTransformParameters.Identity, p);
    }

    [Fact]
    public void Int_shift_range_is_keras_choice_times_sign()
    {
        var g = new ImageDataGenerator(heightShiftRange: 3);
        var counts = new Dictionary<double, int>();
        var rng = new RandomStream(11);
        const int n = 30000;
        for (int i = 0; i < n; i++)
        {
            double tx = g.Sample(rng, [50, 50, 1]).Tx;
            counts[tx] = counts.GetValueOrDefault(tx) + 1;
        }
        Assert.Equal([-2.0, -1.0, 0.0, 1.0, 2.0], counts.Keys.Order());
        Assert.InRange(counts[0] / (double)n, 0.31, 0.36); // P(0) = 1/3
        Assert.InRange(counts[2] / (double)n, 0.15, 0.18); // P(±k) = 1/6
        var one = new ImageDataGenerator(widthShiftRange: 1);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(0, one.Sample(rng, [5, 5, 1]).Ty));
    }

    [Fact]
    public void List_shift_range_draws_an_element_with_a_sign_and_fractions_scale_by_size()
    {
        var rng = new RandomStream(2);
        var pixels = new ImageDataGenerator(heightShiftRange: new[] { -4, 0, 8 });
        var seen = Enumerable.Range(0, 3000).Select(_ => pixels.Sample(rng, [48, 64, 3]).Tx).ToHashSet();
        Assert.Equal([-8.0, -4.0, 0.0, 4.0, 8.0], seen.Order());
        var fractions = new ImageDataGenerator(widthShiftRange: new[] { 0.1, 0.25 });
        var seenF = Enumerable.Range(0, 3000).Select(_ => fractions.Sample(rng, [48, 64, 3]).Ty).ToHashSet();
        Assert.Equal(new[] { -16.0, -6.4, 6.4, 16.0 }, seenF.Order().Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void Float_shift_of_one_or_more_is_in_pixels()
    {
        var g = new ImageDataGenerator(widthShiftRange: 2.0);
        var rng = new RandomStream(5);
        var values = Enumerable.Range(0, 2000).Select(_ => g.Sample(rng, [48, 64, 3]).Ty).ToArray();
        Assert.All(values, v => Assert.InRange(v, -2, 2));
        Assert.Contains(values, v => v != Math.Round(v));
    }

    [Fact]
    public void Flips_come_out_about_half_the_time()
    {
        var g = new ImageDataGenerator(horizontalFlip: true, verticalFlip: true);
        var rng = new RandomStream(9);
        var draws = Enumerable.Range(0, 4000).Select(_ => g.Sample(rng, [8, 8, 3])).ToArray();
        Assert.InRange(draws.Count(d => d.FlipHorizontal), 1800, 2200);
        Assert.InRange(draws.Count(d => d.FlipVertical), 1800, 2200);
    }

    [Fact]
    public void Apply_transform_identity_returns_equal_values_and_keeps_input()
    {
        var x = new NdArray(Enumerable.Range(0, 2 * 3 * 3).Select(i => (float)i).ToArray(), 2, 3, 3);
        var y = new ImageDataGenerator().ApplyTransform(x, KerasTransformParameters.Identity);
        Assert.Equal(x.Data, y.Data);
        Assert.NotSame(x.Data, y.Data);
    }

    [Fact]
    public void Horizontal_flip_reverses_columns_in_both_data_formats()
    {
        var hwc = new NdArray([1, 10, 2, 20, 3, 30], 1, 3, 2);
        var flipped = new ImageDataGenerator().ApplyTransform(hwc, new KerasTransformParameters { FlipHorizontal = true });
        Assert.Equal([3f, 30, 2, 20, 1, 10], flipped.Data);
        var chw = new NdArray([1, 2, 3, 10, 20, 30], 2, 1, 3);
        var flippedChw = new ImageDataGenerator(dataFormat: DataFormat.ChannelsFirst).ApplyTransform(chw, new KerasTransformParameters { FlipHorizontal = true });
        Assert.Equal([3f, 2, 1, 30, 20, 10], flippedChw.Data);
    }

    [Fact]
    public void Positive_tx_moves_content_left_and_ty_moves_it_up()
    {
        var x = new NdArray(5, 5, 1);
        x[2, 2, 0] = 100;
        var g = new ImageDataGenerator(fillMode: FillMode.Constant);
        var left = g.ApplyTransform(x, new KerasTransformParameters { Tx = 1 });
        Assert.Equal(100, left[2, 1, 0]);
        var up = g.ApplyTransform(x, new KerasTransformParameters { Ty = 1 });
        Assert.Equal(100, up[1, 2, 0]);
    }

    [Fact]
    public void Brightness_refuses_channel_counts_pillow_cannot_hold()
    {
        var x = new NdArray(4, 4, 2);
        var e = Assert.Throws<ArgumentException>(() => new ImageDataGenerator().ApplyTransform(x, new KerasTransformParameters { Brightness = 1.2 }));
        Assert.Contains("Unsupported channel number: 2", e.Message);
    }

    [Fact]
    public void Brightness_truncates_and_keeps_alpha()
    {
        var x = new NdArray([10.7f, 100, 200, 77], 1, 1, 4);
        var y = new ImageDataGenerator().ApplyTransform(x, new KerasTransformParameters { Brightness = 1.5 });
        Assert.Equal([15f, 150, 255, 77], y.Data);
    }

    [Fact]
    public void Channel_shift_clips_to_the_global_range()
    {
        var x = new NdArray([0f, 50, 100, 200], 1, 2, 2);
        var y = new ImageDataGenerator().ApplyTransform(x, new KerasTransformParameters { ChannelShiftIntensity = 60 });
        Assert.Equal([60f, 110, 160, 200], y.Data);
    }

    [Fact]
    public void Standardize_warns_when_not_fit_and_leaves_values()
    {
        var g = new ImageDataGenerator(featurewiseCenter: true);
        var warnings = new List<string>();
        g.Warning += warnings.Add;
        var x = new NdArray([1f, 2, 3], 1, 1, 3);
        g.Standardize(x);
        Assert.Equal([1f, 2, 3], x.Data);
        Assert.Single(warnings);
        Assert.Contains("hasn't been fit", warnings[0]);
    }

    [Fact]
    public void Fit_requires_rank_four()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataGenerator(featurewiseCenter: true).Fit(new NdArray(4, 4, 3)));
        Assert.Contains("Input to `.fit()` should have rank 4", e.Message);
    }

    [Fact]
    public void Fit_with_augment_is_deterministic_with_a_seed()
    {
        var data = new NdArray(Enumerable.Range(0, 4 * 6 * 6 * 3).Select(i => (float)(i * 37 % 255)).ToArray(), 4, 6, 6, 3);
        ImageDataGenerator Make() => new(featurewiseCenter: true, featurewiseStdNormalization: true, rotationRange: 20, zoomRange: 0.2);
        var a = Make();
        a.Fit(data, augment: true, rounds: 2, seed: 3);
        var b = Make();
        b.Fit(data, augment: true, rounds: 2, seed: 3);
        Assert.Equal(a.Mean!.Data, b.Mean!.Data);
        Assert.Equal(a.Std!.Data, b.Std!.Data);
        Assert.Equal([1, 1, 3], a.Mean.Shape);
    }

    [Fact]
    public void Image_buffer_overload_matches_array_overload()
    {
        var g = new ImageDataGenerator(rotationRange: 30, fillMode: FillMode.Reflect);
        var values = Enumerable.Range(0, 9 * 7 * 3).Select(i => (float)(i % 251)).ToArray();
        var x = new NdArray(values, 9, 7, 3);
        var p = g.Sample(new RandomStream(4), x.Shape);
        using var image = ImageBuffer<float>.Wrap((float[])values.Clone(), 7, 9, 3);
        using var viaBuffer = g.ApplyTransform(image, p);
        Assert.Equal(g.ApplyTransform(x, p).Data, viaBuffer.ToArray());
    }
}

public class CorrectedGeometryTests
{
    private static NdArray Ramp(int h, int w) => new(Enumerable.Range(0, h * w).Select(i => (float)i).ToArray(), h, w, 1);

    [Fact]
    public void Corrected_rotation_by_180_equals_both_flips_on_a_non_square_image()
    {
        var x = Ramp(6, 10);
        var corrected = new ImageDataGenerator(geometry: KerasGeometry.Corrected);
        var rotated = corrected.ApplyTransform(x, new KerasTransformParameters { Theta = 180 });
        var flipped = corrected.ApplyTransform(x, new KerasTransformParameters { FlipHorizontal = true, FlipVertical = true });
        Assert.All(rotated.Data.Zip(flipped.Data), p => Assert.Equal(p.Second, p.First, 1e-9f));
        // Keras' own pivot does not do that on a non-square image (half the frame is fill).
        var keras = new ImageDataGenerator().ApplyTransform(x, new KerasTransformParameters { Theta = 180 });
        Assert.NotEqual(flipped.Data, keras.Data);
    }

    [Fact]
    public void Corrected_width_shift_moves_columns_by_a_fraction_of_the_width()
    {
        var g = new ImageDataGenerator(widthShiftRange: 0.1, geometry: KerasGeometry.Corrected);
        var rng = new RandomStream(1);
        var draws = Enumerable.Range(0, 500).Select(_ => g.Sample(rng, [10, 200, 1])).ToArray();
        Assert.All(draws, d => Assert.Equal(0, d.Ty));
        Assert.Contains(draws, d => Math.Abs(d.Tx) > 10); // up to 0.1 * 200 columns, beyond 0.1 * 10 rows
    }
}

public class SampleThenApplyTests
{
    [Fact]
    public void Augment_with_the_same_key_gives_the_same_pixels_and_leaves_the_input()
    {
        ITransform g = new ImageDataGenerator(rotationRange: 90, zoomRange: 0.3, brightnessRange: [0.5, 1.5], horizontalFlip: true);
        var pipeline = new Compose([g]);
        var values = Enumerable.Range(0, 12 * 9 * 3).Select(i => (float)(i * 7 % 256)).ToArray();
        using var image = ImageBuffer<float>.Wrap((float[])values.Clone(), 9, 12, 3);
        using var a = pipeline.Apply(image, seed: 1, item: 5, copy: 2);
        using var b = pipeline.Apply(image, seed: 1, item: 5, copy: 2);
        using var c = pipeline.Apply(image, seed: 1, item: 5, copy: 3);
        Assert.Equal(a.As<float>().ToArray(), b.As<float>().ToArray());
        Assert.NotEqual(a.As<float>().ToArray(), c.As<float>().ToArray());
        Assert.Equal(values, image.ToArray());
    }

    [Fact]
    public void A_recorded_operation_replays_exactly()
    {
        var g = new ImageDataGenerator(rotationRange: 30, shearRange: 15, channelShiftRange: 30);
        var op = g.Sample(RandomStream.For(3, 0), new ImageShape(8, 8, 3));
        var json = System.Text.Json.JsonSerializer.Serialize(op);
        var replayed = System.Text.Json.JsonSerializer.Deserialize<KerasTransformParameters>(json)!;
        Assert.Equal(op, replayed);
        using var image = ImageBuffer<float>.Wrap(Enumerable.Range(0, 8 * 8 * 3).Select(i => (float)i).ToArray(), 8, 8, 3);
        Assert.Equal(g.ApplyTransform(image, op).ToArray(), g.ApplyTransform(image, replayed).ToArray());
    }
}
