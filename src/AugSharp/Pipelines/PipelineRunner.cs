
namespace AugSharp;

/// <summary>
/// Runs operations on one annotated image, the same way whether they are being sampled or
/// replayed: consecutive geometric operations that may fuse are collected and their pixels
/// warped once (one interpolation) with the product of their matrices, while boxes, oriented boxes
/// and keypoints move through the same product at every step and are filtered by their rules.
/// </summary>
internal sealed class PipelineRunner
{
    private readonly AnnotatedImage _original;
    private readonly HashSet<ImageBuffer> _originalBuffers = new(ReferenceEqualityComparer.Instance);
    private readonly BoxParams _boxParams;
    private readonly KeypointParams _keypointParams;
    private readonly OrientedBoxParams _orientedParams;
    private readonly List<IOperation> _recorded = [];
    private readonly List<(GeometricOperation Operation, ImageShape Input)> _pending = [];

    private AnnotatedImage _current;
    private ImageShape _shape;
    private IReadOnlyList<BoundingBox> _boxes;
    private IReadOnlyList<Keypoint> _keypoints;
    private IReadOnlyList<OrientedBox> _oriented;
    private IReadOnlyList<OrientedBox> _runStartOriented = [];
    private readonly IReadOnlyDictionary<string, object> _metadata;
    private IReadOnlyDictionary<string, double> _classLabels;
    private IReadOnlyList<BoundingBox> _runStartBoxes = [];
    private IReadOnlyList<Keypoint> _runStartKeypoints = [];
    private Matrix3x3 _runMatrix = Matrix3x3.Identity;

    // With BoxParams.BoxesFromMasks: the mask index of each current box, and of each run-start box.
    private List<int>? _boxMask;
    private List<int>? _runStartBoxMask;

    public PipelineRunner(AnnotatedImage input, BoxParams? boxParams, KeypointParams? keypointParams, OrientedBoxParams? orientedBoxParams = null)
    {
        _orientedParams = orientedBoxParams ?? OrientedBoxParams.Default;
        _oriented = _orientedParams.Prepare(input.OrientedBoxes, input.Image.Width, input.Image.Height);
        _original = input;
        foreach (var buffer in input.Buffers) _originalBuffers.Add(buffer);
        _boxParams = boxParams ?? BoxParams.Default;
        _keypointParams = keypointParams ?? KeypointParams.Default;
        _current = input;
        _shape = input.Shape;
        if (_boxParams.BoxesFromMasks && input.Boxes.Count > 0 && input.Boxes.Count == input.Masks.Count) _boxMask = [];
        _boxes = _boxParams.Prepare(input.Boxes, input.Image.Width, input.Image.Height, _boxMask);
        _keypoints = input.Keypoints;
        _metadata = input.Metadata;
        _classLabels = input.ClassLabels;
    }

    /// <summary>The operations applied so far, in order (containers flattened).</summary>
    public IReadOnlyList<IOperation> Recorded => _recorded;

    /// <summary>What the next transform may look at.</summary>
    public TransformContext Context => new(_shape, _current.Image.PixelType, _boxes, _keypoints, _current.Masks.Count, _metadata, _classLabels, Materialise, _oriented);

    /// <summary>Samples <paramref name="transform"/> (containers run their children) and applies the result.</summary>
    public void Run(ITransform transform, RandomStream rng, bool forced = false)
    {
        if (transform is IContainerTransform container)
        {
            container.Run(this, rng, forced);
            return;
        }
        var operation = forced && transform is IForcedSampling f ? f.SampleApplied(rng, Context) : transform.Sample(rng, Context);
        Step(operation);
    }

    /// <summary>Applies one operation (sampled or replayed).</summary>
    public void Step(IOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _recorded.Add(operation);
        switch (operation)
        {
            case SkippedOperation:
                return;
            case FlushOperation:
                Flush();
                return;
            case ComposeOperation nested:
                foreach (var child in nested.Operations) Step(child);
                _recorded.Remove(nested);
                return;
            case GeometricOperation g when g.Fusion != Fusion.None:
                if (_pending.Count > 0 && (g.Fusion == Fusion.RunStart || !Compatible(g))) Flush();
                if (_pending.Count == 0)
                {
                    _runStartBoxes = _boxes;
                    _runStartBoxMask = _boxMask;
                    _runStartKeypoints = _keypoints;
                    _runStartOriented = _oriented;
                    _runMatrix = Matrix3x3.Identity;
                }
                _pending.Add((g, _shape));
                _runMatrix = g.GetMatrix(_shape) * _runMatrix;
                var (w, h) = g.GetOutputSize(_shape);
                _shape = new ImageShape(h, w, _shape.Channels);
                MoveTargets(g.Name);
                return;
            default:
                Flush();
                var before = _current;
                // Dropout operations judge the boxes and keypoints under their holes by the pipeline's parameters.
                List<int>? keptBoxes = operation is DropoutOperation && _boxMask is not null ? [] : null;
                var input = before.With(boxes: _boxes, keypoints: _keypoints, metadata: _metadata, classLabels: _classLabels, orientedBoxes: _oriented);
                var after = operation switch
                {
                    DropoutOperation dropout => dropout.Apply(input, _boxParams, _keypointParams, _orientedParams, keptBoxes),
                    // Several-image operations judge the boxes they cover and paste by the pipeline's parameters, and mix the class labels.
                    MixingOperation mixing => mixing.Apply(input, _boxParams, _keypointParams, _orientedParams),
                    _ => operation.Apply(input),
                };
                Replace(after);
                _shape = after.Shape;
                if (operation is MixingOperation)
                {
                    _classLabels = after.ClassLabels;
                    _boxMask = null;
                }
                if (operation is IGeometricOperation or IMappedOperation or MixingOperation)
                {
                    var kept = _boxMask is null ? null : new List<int>();
                    _boxes = _boxParams.Filter(after.Boxes, after.Image.Width, after.Image.Height, kept);
                    if (_boxMask is not null) _boxMask = kept!.Select(k => _boxMask[k]).ToList();
                    _keypoints = FilterKeypoints(after.Keypoints, operation.Name);
                    _oriented = _orientedParams.Filter(after.OrientedBoxes, after.Image.Width, after.Image.Height);
                }
                else
                {
                    _boxes = after.Boxes;
                    _keypoints = after.Keypoints;
                    _oriented = after.OrientedBoxes;
                    if (keptBoxes is not null) _boxMask = keptBoxes.Select(k => _boxMask![k]).ToList();
                }
                return;
        }
    }

    /// <summary>The result: pending pixels warped, targets filtered.</summary>
    public AnnotatedImage Finish()
    {
        Flush();
        if (_boxMask is not null) TightenBoxesToMasks();
        return _current.With(boxes: _boxes, keypoints: _keypoints, metadata: _metadata, classLabels: _classLabels, orientedBoxes: _oriented);
    }

    private void TightenBoxesToMasks()
    {
        var tight = new List<BoundingBox>(_boxes.Count);
        for (int j = 0; j < _boxes.Count; j++)
        {
            if (MaskExtent(_current.Masks[_boxMask![j]]) is not { } extent) continue;
            var box = _boxes[j];
            var t = box with { X1 = Math.Max(box.X1, extent.X1), Y1 = Math.Max(box.Y1, extent.Y1), X2 = Math.Min(box.X2, extent.X2), Y2 = Math.Min(box.Y2, extent.Y2) };
            if (t.IsValid) tight.Add(t);
        }
        _boxes = tight;
    }

    /// <summary>The edges of a mask's non-zero pixels, or null when it has none.</summary>
    private static (int X1, int Y1, int X2, int Y2)? MaskExtent(ImageBuffer mask)
    {
        int x1 = int.MaxValue, y1 = int.MaxValue, x2 = -1, y2 = -1;
        for (int y = 0; y < mask.Height; y++)
        {
            for (int x = 0; x < mask.Width; x++)
            {
                bool set = mask switch
                {
                    ImageBuffer<byte> b => b[y, x, 0] != 0,
                    ImageBuffer<ushort> u => u[y, x, 0] != 0,
                    _ => mask.As<float>()[y, x, 0] != 0,
                };
                if (!set) continue;
                if (x < x1) x1 = x;
                if (x > x2) x2 = x;
                if (y < y1) y1 = y;
                y2 = y;
            }
        }
        return x2 < 0 ? null : (x1, y1, x2 + 1, y2 + 1);
    }

    private void MoveTargets(string operationName)
    {
        var edges = _runMatrix.ForEdgeCoordinates();
        var moved = new BoundingBox[_runStartBoxes.Count];
        for (int i = 0; i < moved.Length; i++) moved[i] = _runStartBoxes[i].TransformEdges(edges);
        var keptIndices = new List<int>(moved.Length);
        _boxes = _boxParams.Filter(moved, _shape.Width, _shape.Height, keptIndices);
        _runStartBoxes = keptIndices.Select(i => _runStartBoxes[i]).ToArray();
        if (_runStartBoxMask is not null)
        {
            _runStartBoxMask = keptIndices.Select(i => _runStartBoxMask[i]).ToList();
            _boxMask = _runStartBoxMask;
        }
        var points = new List<Keypoint>(_runStartKeypoints.Count);
        var keptPoints = new List<Keypoint>(_runStartKeypoints.Count);
        for (int i = 0; i < _runStartKeypoints.Count; i++)
        {
            // Coordinates from the run's start through the whole run's matrix; the label as the previous steps left it.
            var k = _runStartKeypoints[i];
            var m = k.Transform(_runMatrix) with { Label = _keypoints[i].Label };
            if (_keypointParams.RemoveInvisible && !m.IsInside(_shape.Width, _shape.Height)) continue;
            keptPoints.Add(k);
            points.Add(m);
        }
        _runStartKeypoints = keptPoints;
        _keypoints = Relabel(points, operationName);
        if (_runStartOriented.Count > 0)
        {
            // Oriented boxes from the run's start through the whole run's matrix, then clipped and judged.
            var movedOriented = new OrientedBox[_runStartOriented.Count];
            for (int i = 0; i < movedOriented.Length; i++) movedOriented[i] = _runStartOriented[i].TransformEdges(edges);
            var keptOriented = new List<int>(movedOriented.Length);
            _oriented = _orientedParams.Filter(movedOriented, _shape.Width, _shape.Height, keptOriented);
            _runStartOriented = keptOriented.Select(i => _runStartOriented[i]).ToArray();
        }
        else
        {
            _oriented = [];
        }
    }

    private IReadOnlyList<Keypoint> FilterKeypoints(IReadOnlyList<Keypoint> keypoints, string operationName)
    {
        var kept = _keypointParams.RemoveInvisible ? keypoints.Where(k => k.IsInside(_shape.Width, _shape.Height)).ToArray() : keypoints;
        return Relabel(kept, operationName);
    }

    private IReadOnlyList<Keypoint> Relabel(IReadOnlyList<Keypoint> keypoints, string operationName)
    {
        if (!_keypointParams.LabelMapping.TryGetValue(operationName, out var mapping)) return keypoints;
        // A tagged label (a data set's keypoint naming its object) swaps its name and keeps its tag.
        return keypoints.Select(k => k.Label is { } l && LabelTag.Map(l, mapping) is { } swapped ? k with { Label = swapped } : k).ToArray();
    }

    /// <summary>True when <paramref name="g"/> warps with the same interpolation, border and fill as the pending run (exact steps fit any run).</summary>
    private bool Compatible(GeometricOperation g)
    {
        foreach (var (op, _) in _pending)
        {
            if (g.ImageInterpolation is { } a && op.ImageInterpolation is { } b && a != b) return false;
            if (g.ImageBorder is not null && op.ImageBorder is not null
                && (g.ImageBorder != op.ImageBorder || !g.ImageFill.SequenceEqual(op.ImageFill) || g.MaskFill != op.MaskFill)) return false;
            if (g.MaskInterpolation != op.MaskInterpolation) return false;
        }
        return true;
    }

    private AnnotatedImage Materialise()
    {
        if (_pending.Count > 0) _recorded.Add(new FlushOperation());
        Flush();
        return _current.With(boxes: _boxes, keypoints: _keypoints, metadata: _metadata, classLabels: _classLabels, orientedBoxes: _oriented);
    }

    private void Flush()
    {
        if (_pending.Count == 0) return;
        var run = _pending.ToArray();
        _pending.Clear();
        AnnotatedImage after;
        int first = 0;
        if (run.All(r => r.Operation.ImageInterpolation is null && r.Operation.ImageBorder is null) && run.Length <= 2)
        {
            after = _current;
            foreach (var (op, _) in run)
            {
                var next = op.Apply(PixelsOf(after));
                if (!ReferenceEquals(after, _current)) Release(after, next);
                after = next;
            }
            Replace(PixelsOf(after));
            return;
        }
        var source = _current;
        bool views = false;
        if (run[0].Operation is CropOperation crop)
        {
            crop.CheckFits(run[0].Input);
            ImageBuffer View(ImageBuffer b) => b.CropView(crop.X, crop.Y, crop.Width, crop.Height);
            source = new AnnotatedImage(View(source.Image), source.Masks.Select(View).ToArray(), additionalImages: source.AdditionalImages.Select(View).ToArray());
            views = true;
            first = 1;
        }
        var matrix = Matrix3x3.Identity;
        Interpolation? interpolation = null;
        BorderMode? border = null;
        IReadOnlyList<double> fill = [];
        double maskFill = 0;
        var maskInterpolation = Interpolation.Nearest;
        for (int i = first; i < run.Length; i++)
        {
            var op = run[i].Operation;
            matrix = op.GetMatrix(run[i].Input) * matrix;
            interpolation ??= op.ImageInterpolation;
            if (border is null && op.ImageBorder is not null)
            {
                border = op.ImageBorder;
                fill = op.ImageFill;
                maskFill = op.MaskFill;
                maskInterpolation = op.MaskInterpolation;
            }
        }
        try
        {
            var image = WarpAny(source.Image, matrix, _shape.Width, _shape.Height, interpolation ?? Interpolation.Nearest, border ?? BorderMode.Constant, fill);
            var masks = source.Masks.Select(m => GeometricWarp.WarpMask(m, matrix, _shape.Width, _shape.Height, border ?? BorderMode.Constant, maskFill, maskInterpolation)).ToArray();
            var others = source.AdditionalImages.Select(o => WarpAny(o, matrix, _shape.Width, _shape.Height, interpolation ?? Interpolation.Nearest, border ?? BorderMode.Constant, fill)).ToArray();
            Replace(new AnnotatedImage(image, masks, additionalImages: others));
        }
        finally
        {
            if (views)
            {
                foreach (var view in source.Buffers) view.Dispose();
            }
        }
    }

    private void Replace(AnnotatedImage next)
    {
        Release(_current, next);
        _current = next;
    }

    /// <summary>Disposes the buffers of <paramref name="previous"/> that neither <paramref name="next"/> nor the caller's input holds.</summary>
    private void Release(AnnotatedImage previous, AnnotatedImage next)
    {
        var kept = next.Buffers.ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var buffer in previous.Buffers)
        {
            if (_originalBuffers.Contains(buffer) || kept.Contains(buffer)) continue;
            buffer.Dispose();
        }
    }

    private static AnnotatedImage PixelsOf(AnnotatedImage a) => new(a.Image, a.Masks, additionalImages: a.AdditionalImages);

    private static ImageBuffer WarpAny(ImageBuffer image, Matrix3x3 m, int w, int h, Interpolation interpolation, BorderMode border, IReadOnlyList<double> fill) => image.PixelType switch
    {
        PixelType.UInt8 => GeometricWarp.Warp(image.As<byte>(), m, w, h, interpolation, border, fill),
        PixelType.UInt16 => GeometricWarp.Warp(image.As<ushort>(), m, w, h, interpolation, border, fill),
        _ => GeometricWarp.Warp(image.As<float>(), m, w, h, interpolation, border, fill),
    };
}

/// <summary>A transform that holds others (Compose, OneOf, ...): it runs its children inside the pipeline's runner.</summary>
internal interface IContainerTransform
{
    void Run(PipelineRunner runner, RandomStream rng, bool forced);
}

/// <summary>A transform that can be sampled as applied, whatever its probability (OneOf's chosen child).</summary>
internal interface IForcedSampling
{
    IOperation SampleApplied(RandomStream rng, TransformContext context);
}
