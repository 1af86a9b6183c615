using System.Globalization;
using Xunit.Abstractions;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// AugSharp's kernels against OpenCV 4.6 (TestData/OpenCv): interpolating kernels within 1 level on
/// 8- and 16-bit images for at least 99.9% of the elements (1e-4 for float); flips, transposes,
/// quarter turns and padding exactly.
/// </summary>
public class OpenCvReferenceTests(ITestOutputHelper output)
{
    private const double AllowedMismatchPercent = 0.1;

    public static TheoryData<string> WarpCases => OpenCvReference.Ids("affine", "perspective", "remap");

    public static TheoryData<string> ResizeCases => OpenCvReference.Ids("resize");

    public static TheoryData<string> ExactCases => OpenCvReference.Ids("flipHorizontal", "flipVertical", "transpose", "rot90", "pad");

    [Fact]
    public void ManifestRecordsTheOpenCvVersion()
    {
        Assert.StartsWith("4.", OpenCvReference.Version);
        Assert.True(OpenCvReference.Cases.Count > 300);
    }

    [Theory]
    [MemberData(nameof(WarpCases))]
    public void WarpsMatchOpenCv(string id) => AssertClose(id);

    [Theory]
    [MemberData(nameof(ResizeCases))]
    public void ResizeMatchesOpenCv(string id) => AssertClose(id);

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void FlipsAndPaddingAreExact(string id)
    {
        var c = OpenCvReference.Case(id);
        foreach (bool strided in new[] { false, true })
        {
            var r = OpenCvReference.Compare(c, strided);
            Assert.True(r.MaxDiff == 0, $"{id} (strided {strided}): largest difference {r.MaxDiff}");
        }
    }

    [Theory]
    [MemberData(nameof(WarpCases))]
    [MemberData(nameof(ResizeCases))]
    public void StridedSourceGivesTheSameResult(string id)
    {
        var c = OpenCvReference.Case(id);
        Assert.Equal(OpenCvReference.Compare(c), OpenCvReference.Compare(c, stridedSource: true));
    }

    /// <summary>Per operation: cases, the worst share of elements off by more than the tolerance, the largest difference.</summary>
    [Fact]
    public void Summary()
    {
        foreach (var group in OpenCvReference.Cases.GroupBy(c => (c.Op, c.DType)))
        {
            var results = group.Select(c => (c.Id, R: OpenCvReference.Compare(c))).ToList();
            var worst = results.MaxBy(r => r.R.MismatchPercent);
            var exact = results.Count(r => r.R.MaxDiff == 0);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key.Op,-15} {group.Key.DType,-8} cases {results.Count,3}  exact {exact,3}  worst {worst.R.MismatchPercent:F3}% beyond tolerance ({worst.Id})  max diff {results.Max(r => r.R.MaxDiff):G4}"));
        }
    }

    private void AssertClose(string id)
    {
        var c = OpenCvReference.Case(id);
        var r = OpenCvReference.Compare(c);
        output.WriteLine($"{id}: {r.Mismatches}/{r.Elements} beyond {OpenCvReference.Tolerance(c.DType)}, largest difference {r.MaxDiff}");
        Assert.True(r.MismatchPercent <= AllowedMismatchPercent,
            $"{id}: {r.MismatchPercent:F3}% of the elements differ by more than {OpenCvReference.Tolerance(c.DType)} (largest {r.MaxDiff})");
    }
}
