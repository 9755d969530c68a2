using System.Buffers.Binary;
using System.Text;

namespace MtlSharing.NativeCompat.Tests;

/// <summary>
/// An ELF64 little-endian reader written apart from the patcher, to check it: it finds the version needs
/// by the section's name (.gnu.version_r) rather than its type, and trusts the file (no checks).
/// </summary>
internal static class IndependentElf
{
    /// <summary>One Vernaux entry: the library, the version, its flags and the file offset of the flags.</summary>
    public sealed record Need(string File, string Version, ushort Flags, long FlagsOffset);

    /// <summary>Every version need of the file, in file order; empty when it has no .gnu.version_r section.</summary>
    public static IReadOnlyList<Need> VersionNeeds(byte[] elf)
    {
        var bytes = elf.AsSpan();
        var tableOffset = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x3a..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x3c..]);
        int namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(bytes[0x3e..]);

        (int Name, int Offset, int Link) Header(int index)
        {
            var header = elf.AsSpan(tableOffset + (index * entrySize), 64);
            return ((int)BinaryPrimitives.ReadUInt32LittleEndian(header),
                (int)BinaryPrimitives.ReadUInt64LittleEndian(header[24..]),
                (int)BinaryPrimitives.ReadUInt32LittleEndian(header[40..]));
        }

        string Text(int tableStart, int offset)
        {
            var text = elf.AsSpan(tableStart + offset);
            return Encoding.ASCII.GetString(text[..text.IndexOf((byte)0)]);
        }

        var names = Header(namesIndex).Offset;
        var section = Enumerable.Range(0, count).Select(Header).Where(h => Text(names, h.Name) == ".gnu.version_r").ToList();
        if (section.Count == 0)
        {
            return [];
        }

        var strings = Header(section[0].Link).Offset;
        var needs = new List<Need>();
        var entry = section[0].Offset;
        while (true)
        {
            int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(entry + 2)..]);
            var file = Text(strings, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(entry + 4)..]));
            var aux = entry + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(entry + 8)..]);
            for (var i = 0; i < auxCount; i++)
            {
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(aux + 4)..]);
                var version = Text(strings, (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(aux + 8)..]));
                needs.Add(new Need(file, version, flags, aux + 4));
                aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(aux + 12)..]);
            }

            var next = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(entry + 12)..]);
            if (next == 0)
            {
                return needs;
            }

            entry += next;
        }
    }

    /// <summary>The offsets at which two byte arrays of the same length differ.</summary>
    public static IReadOnlyList<long> Differences(byte[] before, byte[] after)
    {
        after.Length.Should().Be(before.Length, "patching never changes a file's length");
        return Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).Select(i => (long)i).ToList();
    }
}
