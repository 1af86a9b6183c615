namespace AugSharp.Tests.Imaging.Codecs;

public sealed class NativeHeapTests
{
    [Fact]
    public void OnLinuxWithGlibcTheHeapKeepsFreedBlocksAndCodecsStillWork()
    {
        bool set = NativeHeap.KeepFreedBlocksForReuse();
        if (OperatingSystem.IsLinux() && File.Exists("/lib/x86_64-linux-gnu/libc.so.6")) Assert.True(set);
        else if (!OperatingSystem.IsLinux()) Assert.False(set);

        // Images coded one after another with the setting in force come out the same each time.
        using var image = new ImageBuffer<byte>(320, 240, 3);
        var span = image.GetSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (byte)(i * 7 % 251);
        byte[] first = ImageCodec.WriteToArray(image, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 90 });
        for (int round = 0; round < 5; round++)
        {
            Assert.Equal(first, ImageCodec.WriteToArray(image, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 90 }));
            using var decoded = ImageCodec.Decode(first);
            Assert.Equal((320, 240, 3), (decoded.Width, decoded.Height, decoded.Channels));
        }
    }
}
