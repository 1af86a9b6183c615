using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace AugSharp.Benchmarks.Kernels;

/// <summary>
/// Runs a kernel benchmark four times, each in its own process: with every vector path the
/// processor has, without AVX-512 (<c>DOTNET_EnableAVX512=0</c>), without AVX2
/// (<c>DOTNET_EnableAVX2=0</c>, so Vector128) and with no hardware intrinsics at all
/// (<c>DOTNET_EnableHWIntrinsic=0</c>, the scalar fallbacks). The kernel benchmark classes use
/// it through <c>[Config(typeof(IntrinsicsJobsConfig))]</c>.
/// </summary>
public sealed class IntrinsicsJobsConfig : ManualConfig
{
    /// <summary>The four jobs.</summary>
    public IntrinsicsJobsConfig()
    {
        AddJob(Job.Default.WithId("all"));
        AddJob(Job.Default.WithId("no-avx512").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX512", "0"), new EnvironmentVariable("DOTNET_EnableAVX512F", "0")));
        AddJob(Job.Default.WithId("no-avx2").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableAVX2", "0")));
        AddJob(Job.Default.WithId("scalar").WithEnvironmentVariables(new EnvironmentVariable("DOTNET_EnableHWIntrinsic", "0")));
    }
}
