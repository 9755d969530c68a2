using System.Text;

namespace MtlSharing.NativeCompat.Tests;

/// <summary>
/// Builds small ELF64 shared objects that hold only what the patcher reads: a string table, version needs
/// (.gnu.version_r), version definitions (.gnu.version_d) and the section header table.
/// </summary>
internal sealed class SyntheticElf
{
    private const int HeaderSize = 64;

    /// <summary>The libraries and versions the file needs: (library, [(version, flags)]).</summary>
    public List<(string File, (string Version, ushort Flags)[] Versions)> Needs { get; } = [];

    /// <summary>The versions the file defines.</summary>
    public List<string> Definitions { get; } = [];

    /// <summary>EI_CLASS: 2 for ELF64, 1 for ELF32.</summary>
    public byte Class { get; init; } = 2;

    /// <summary>EI_DATA: 1 for little-endian, 2 for big-endian.</summary>
    public byte Data { get; init; } = 1;

    /// <summary>e_type: 3 for a shared object (ET_DYN), 2 for an executable (ET_EXEC).</summary>
    public ushort Type { get; init; } = 3;

    /// <summary>After <see cref="Build"/>: the file offset of the version needs section.</summary>
    public int VersionNeedsOffset { get; private set; }

    /// <summary>After <see cref="Build"/>: the file offset of the section header table.</summary>
    public int SectionTableOffset { get; private set; }

    /// <summary>A shared object needing libstdc++'s GLIBCXX_3.4.30 and GLIBCXX_3.4.32 and libc's GLIBC_2.34.</summary>
    public static SyntheticElf LikeLibTorchSharp() => new()
    {
        Needs =
        {
            ("libc.so.6", [("GLIBC_2.34", 0), ("GLIBC_2.2.5", 0)]),
            ("libstdc++.so.6", [("GLIBCXX_3.4.30", 0), ("GLIBCXX_3.4.32", 0), ("CXXABI_1.3", 0)]),
        },
    };

    /// <summary>A libstdc++ that defines the GLIBCXX versions up to and including the one given.</summary>
    public static SyntheticElf LibStdCxxUpTo(int lastMinor)
    {
        var library = new SyntheticElf();
        library.Definitions.Add("libstdc++.so.6");
        library.Definitions.AddRange(Enumerable.Range(0, lastMinor + 1).Select(minor => minor == 0 ? "GLIBCXX_3.4" : $"GLIBCXX_3.4.{minor}"));
        return library;
    }

    /// <summary>The file's bytes.</summary>
    public byte[] Build()
    {
        var strings = new StringTable();
        foreach (var (file, versions) in Needs)
        {
            strings.Add(file);
            foreach (var (version, _) in versions)
            {
                strings.Add(version);
            }
        }

        foreach (var definition in Definitions)
        {
            strings.Add(definition);
        }

        var needs = new MemoryStream();
        var needsWriter = new BinaryWriter(needs);
        var other = (ushort)2;
        for (var i = 0; i < Needs.Count; i++)
        {
            var (file, versions) = Needs[i];
            needsWriter.Write((ushort)1);
            needsWriter.Write((ushort)versions.Length);
            needsWriter.Write(strings[file]);
            needsWriter.Write(16u);
            needsWriter.Write(i == Needs.Count - 1 ? 0u : (uint)(16 + (16 * versions.Length)));
            for (var j = 0; j < versions.Length; j++)
            {
                needsWriter.Write(Hash(versions[j].Version));
                needsWriter.Write(versions[j].Flags);
                needsWriter.Write(other++);
                needsWriter.Write(strings[versions[j].Version]);
                needsWriter.Write(j == versions.Length - 1 ? 0u : 16u);
            }
        }

        var definitions = new MemoryStream();
        var definitionsWriter = new BinaryWriter(definitions);
        for (var i = 0; i < Definitions.Count; i++)
        {
            definitionsWriter.Write((ushort)1);
            definitionsWriter.Write((ushort)(i == 0 ? 1 : 0));
            definitionsWriter.Write((ushort)(i + 1));
            definitionsWriter.Write((ushort)1);
            definitionsWriter.Write(Hash(Definitions[i]));
            definitionsWriter.Write(20u);
            definitionsWriter.Write(i == Definitions.Count - 1 ? 0u : 28u);
            definitionsWriter.Write(strings[Definitions[i]]);
            definitionsWriter.Write(0u);
        }

        var names = new StringTable();
        var sections = new List<(uint Name, uint Type, byte[] Body, uint Link, uint Info)> { (0, 0, [], 0, 0) };
        sections.Add((names.Add(".dynstr"), 3, strings.Bytes(), 0, 0));
        if (Needs.Count > 0)
        {
            sections.Add((names.Add(".gnu.version_r"), 0x6ffffffe, needs.ToArray(), 1, (uint)Needs.Count));
        }

        if (Definitions.Count > 0)
        {
            sections.Add((names.Add(".gnu.version_d"), 0x6ffffffd, definitions.ToArray(), 1, (uint)Definitions.Count));
        }

        sections.Add((names.Add(".shstrtab"), 3, [], 0, 0));
        sections[^1] = sections[^1] with { Body = names.Bytes() };

        var image = new MemoryStream();
        var writer = new BinaryWriter(image);
        writer.Write(new byte[HeaderSize]);
        var offsets = new List<long>();
        foreach (var section in sections)
        {
            Align(writer, 8);
            offsets.Add(section.Body.Length == 0 ? 0 : image.Position);
            if (section.Type == 0x6ffffffe)
            {
                VersionNeedsOffset = (int)image.Position;
            }

            writer.Write(section.Body);
        }

        Align(writer, 8);
        SectionTableOffset = (int)image.Position;
        for (var i = 0; i < sections.Count; i++)
        {
            var (name, type, body, link, info) = sections[i];
            writer.Write(name);
            writer.Write(type);
            writer.Write(type is 0x6ffffffe or 0x6ffffffd ? 2ul : 0ul); // SHF_ALLOC
            writer.Write(0ul);
            writer.Write((ulong)offsets[i]);
            writer.Write((ulong)body.Length);
            writer.Write(link);
            writer.Write(info);
            writer.Write(type == 3 ? 1ul : 8ul);
            writer.Write(0ul);
        }

        image.Position = 0;
        writer.Write([0x7f, (byte)'E', (byte)'L', (byte)'F', Class, Data, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        writer.Write(Type);
        writer.Write((ushort)62); // EM_X86_64
        writer.Write(1u);
        writer.Write(0ul);
        writer.Write(0ul);
        writer.Write((ulong)SectionTableOffset);
        writer.Write(0u);
        writer.Write((ushort)HeaderSize);
        writer.Write((ushort)56);
        writer.Write((ushort)0);
        writer.Write((ushort)64);
        writer.Write((ushort)sections.Count);
        writer.Write((ushort)(sections.Count - 1));
        writer.Flush();
        return image.ToArray();
    }

    private static void Align(BinaryWriter writer, int alignment)
    {
        while (writer.BaseStream.Position % alignment != 0)
        {
            writer.Write((byte)0);
        }
    }

    private static uint Hash(string name)
    {
        uint hash = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            hash = (hash << 4) + c;
            var high = hash & 0xf0000000;
            if (high != 0)
            {
                hash ^= high >> 24;
            }

            hash &= ~high;
        }

        return hash;
    }

    private sealed class StringTable
    {
        private readonly MemoryStream bytes = new();
        private readonly Dictionary<string, uint> offsets = [];

        public StringTable()
        {
            bytes.WriteByte(0);
        }

        public uint this[string text] => offsets[text];

        public uint Add(string text)
        {
            if (!offsets.TryGetValue(text, out var offset))
            {
                offset = (uint)bytes.Position;
                bytes.Write([.. Encoding.ASCII.GetBytes(text), 0]);
                offsets[text] = offset;
            }

            return offset;
        }

        public byte[] Bytes() => bytes.ToArray();
    }
}
