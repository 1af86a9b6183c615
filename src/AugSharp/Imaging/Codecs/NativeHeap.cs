using System.Runtime.InteropServices;

namespace AugSharp;

/// <summary>
/// How the process's native heap (where libvips decodes and encodes) hands memory back to the
/// operating system. By default glibc returns the freed blocks of every decoded or encoded image
/// to the kernel and takes them back for the next, several hundred page faults an image (about a
/// millisecond of kernel time per 640x480 JPEG, more where several threads each have a heap).
/// A batch tool that codes one image after another sets <see cref="KeepFreedBlocksForReuse"/>
/// once at start; a library user decides for their own process.
/// </summary>
public static partial class NativeHeap
{
    private const int MallocTrimThreshold = -1, MallocMmapThreshold = -3;

    /// <summary>Blocks up to this size come from the heap and are reused instead of being mapped and unmapped each time.</summary>
    public const int ReusedBlockBytes = 32 << 20;

    /// <summary>Free memory a heap keeps at its top before it returns any to the kernel.</summary>
    public const int KeptFreeBytes = 64 << 20;

    /// <summary>
    /// On Linux with glibc, keeps freed native blocks of up to <see cref="ReusedBlockBytes"/> for
    /// reuse and returns a heap's free top to the kernel only past <see cref="KeptFreeBytes"/>.
    /// Peak memory is unchanged (the same blocks are reused); only the freed memory a process holds
    /// between images grows, by at most that much per heap. Returns false where there is nothing
    /// to set (another C library, another system).
    /// </summary>
    public static bool KeepFreedBlocksForReuse()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Mallopt(MallocMmapThreshold, ReusedBlockBytes) == 1 && Mallopt(MallocTrimThreshold, KeptFreeBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
