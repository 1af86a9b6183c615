using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AugSharp.Steganography;

/// <summary>
/// A permutation of 0..n-1 drawn by a Fisher–Yates shuffle, one step per position asked for, from
/// AES-256 in counter mode under a key: whoever holds the key finds the same positions in the same order.
/// </summary>
internal sealed class KeyedPermutation : IDisposable
{
    private readonly int[] _items;
    private readonly Aes _aes;
    private readonly byte[] _counter = new byte[4096];
    private readonly byte[] _stream = new byte[4096];
    private ulong _block;
    private int _offset = 4096;
    private int _next;

    public KeyedPermutation(int count, ReadOnlySpan<byte> key)
    {
        _items = new int[count];
        for (int i = 0; i < count; i++) _items[i] = i;
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
    }

    public int Count => _items.Length;

    /// <summary>How many positions have been drawn.</summary>
    public int Drawn => _next;

    /// <summary>The next position, or -1 when all have been drawn.</summary>
    public int Next()
    {
        if (_next >= _items.Length) return -1;
        int i = _next++;
        int j = i + (int)(NextUInt64() % (ulong)(_items.Length - i));
        (_items[i], _items[j]) = (_items[j], _items[i]);
        return _items[i];
    }

    private ulong NextUInt64()
    {
        if (_offset == _stream.Length)
        {
            for (int b = 0; b < _counter.Length; b += 16)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(_counter.AsSpan(b), _block++);
                BinaryPrimitives.WriteUInt64LittleEndian(_counter.AsSpan(b + 8), 0);
            }
            _aes.EncryptEcb(_counter, _stream, PaddingMode.None);
            _offset = 0;
        }
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_stream.AsSpan(_offset));
        _offset += 8;
        return value;
    }

    public void Dispose() => _aes.Dispose();
}
