// MSBuild compiles this file from source with RoslynCodeTaskFactory (see MtlSharing.targets next to it), so
// no prebuilt task assembly ships with the package. It is not part of the MtlSharing assembly. It compiles
// against netstandard 2.0 there: no records, no spans, no .NET Core-only APIs.
// Why it exists: docs/torchsharp-on-older-linux.md in the MtlSharing repository.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace MtlSharing.Build
{
    /// <summary>What <see cref="LibTorchSharpElfPatcher.Patch"/> found and did.</summary>
    public enum LibTorchSharpPatchOutcome
    {
        /// <summary>The GLIBCXX_3.4.32 version need was strong and is now weak; the file was rewritten.</summary>
        Patched,

        /// <summary>The GLIBCXX_3.4.32 version need was already weak; the file was not touched.</summary>
        AlreadyPatched,

        /// <summary>The file needs no GLIBCXX_3.4.32 version (or no versions at all); the file was not touched.</summary>
        NothingToPatch,
    }

    /// <summary>The outcome of patching one file, with the file offsets of the flag fields concerned.</summary>
    public sealed class LibTorchSharpPatchResult
    {
        /// <summary>Creates a result.</summary>
        /// <param name="path">The file.</param>
        /// <param name="outcome">What was found and done.</param>
        /// <param name="flagOffsets">The file offsets of the <c>vna_flags</c> fields of the GLIBCXX_3.4.32 needs.</param>
        public LibTorchSharpPatchResult(string path, LibTorchSharpPatchOutcome outcome, IReadOnlyList<long> flagOffsets)
        {
            Path = path;
            Outcome = outcome;
            FlagOffsets = flagOffsets;
        }

        /// <summary>The file.</summary>
        public string Path { get; }

        /// <summary>What was found and done.</summary>
        public LibTorchSharpPatchOutcome Outcome { get; }

        /// <summary>The file offsets of the <c>vna_flags</c> fields of the GLIBCXX_3.4.32 needs (empty when there are none).</summary>
        public IReadOnlyList<long> FlagOffsets { get; }

        /// <summary>One line for a build log.</summary>
        /// <returns>The description.</returns>
        public override string ToString()
        {
            switch (Outcome)
            {
                case LibTorchSharpPatchOutcome.Patched:
                    return "MtlSharing: marked the " + LibTorchSharpElfPatcher.MarkerVersion + " version need weak in " + Path
                        + " (the system libstdc++ lacks it; only the unused marker std::ios_base_library_init() needs it)";
                case LibTorchSharpPatchOutcome.AlreadyPatched:
                    return "MtlSharing: " + Path + " is already patched (its " + LibTorchSharpElfPatcher.MarkerVersion + " version need is weak)";
                default:
                    return "MtlSharing: nothing to patch in " + Path + " (it needs no " + LibTorchSharpElfPatcher.MarkerVersion + ")";
            }
        }
    }

    /// <summary>
    /// Marks the <c>GLIBCXX_3.4.32</c> version need of TorchSharp's <c>libLibTorchSharp.so</c> weak
    /// (<c>VER_FLG_WEAK</c> in that one <c>Vernaux</c> entry's <c>vna_flags</c>), so that the dynamic loader
    /// accepts a libstdc++ older than GCC 13's (Debian 12, Ubuntu 22.04). The only symbol under that version is
    /// the marker <c>std::ios_base_library_init()</c>, which is never called. Nothing else in the file changes.
    /// </summary>
    public static class LibTorchSharpElfPatcher
    {
        /// <summary>The version whose need is made weak.</summary>
        public const string MarkerVersion = "GLIBCXX_3.4.32";

        /// <summary>VER_FLG_WEAK, the bit set in <c>vna_flags</c>.</summary>
        public const int WeakFlag = 0x2;

        /// <summary>
        /// Makes the file's GLIBCXX_3.4.32 version need weak. Idempotent. The file is replaced by a patched copy
        /// written next to it and renamed over it, so a hard link to another file (such as the NuGet cache's
        /// copy) is broken, never written through; its permissions and last write time are kept.
        /// </summary>
        /// <param name="path">An ELF64 little-endian shared object.</param>
        /// <returns>What was found and done.</returns>
        /// <exception cref="ArgumentException">The path is empty.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian shared object, or is malformed.</exception>
        public static LibTorchSharpPatchResult Patch(string path)
        {
            var found = Inspect(path);
            if (found.Outcome != LibTorchSharpPatchOutcome.Patched)
            {
                return found;
            }

            WritePatchedCopy(path, found.FlagOffsets);
            return found;
        }

        /// <summary>Finds what <see cref="Patch"/> would do, without writing anything.</summary>
        /// <param name="path">An ELF64 little-endian shared object.</param>
        /// <returns>
        /// <see cref="LibTorchSharpPatchOutcome.Patched"/> when at least one GLIBCXX_3.4.32 need is still strong
        /// (that is, the file would be patched), otherwise what <see cref="Patch"/> would report.
        /// </returns>
        /// <exception cref="ArgumentException">The path is empty.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian shared object, or is malformed.</exception>
        public static LibTorchSharpPatchResult Inspect(string path)
        {
            var needs = FindMarkerNeeds(path);
            if (needs.Count == 0)
            {
                return new LibTorchSharpPatchResult(path, LibTorchSharpPatchOutcome.NothingToPatch, new long[0]);
            }

            var offsets = new List<long>();
            var strong = false;
            foreach (var need in needs)
            {
                offsets.Add(need.FlagsOffset);
                strong |= (need.Flags & WeakFlag) == 0;
            }

            return new LibTorchSharpPatchResult(path, strong ? LibTorchSharpPatchOutcome.Patched : LibTorchSharpPatchOutcome.AlreadyPatched, offsets);
        }

        private static List<ElfVersionNeed> FindMarkerNeeds(string path)
        {
            var needs = new List<ElfVersionNeed>();
            using (var elf = ElfFile.Open(path))
            {
                foreach (var need in elf.ReadVersionNeeds())
                {
                    if (need.Version == MarkerVersion)
                    {
                        needs.Add(need);
                    }
                }
            }

            return needs;
        }

        private static void WritePatchedCopy(string path, IReadOnlyList<long> flagOffsets)
        {
            var full = System.IO.Path.GetFullPath(path);
            var folder = System.IO.Path.GetDirectoryName(full) ?? ".";
            var temporary = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            var lastWrite = File.GetLastWriteTimeUtc(full);
            try
            {
                // File.Copy keeps the mode bits on Unix.
                File.Copy(full, temporary, overwrite: false);
                using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                    foreach (var offset in flagOffsets)
                    {
                        // vna_flags is little-endian; VER_FLG_WEAK lives in its low byte.
                        stream.Position = offset;
                        var low = stream.ReadByte();
                        if (low < 0)
                        {
                            throw new InvalidDataException("'" + full + "' changed while it was being patched: offset " + offset + " is past its end");
                        }

                        stream.Position = offset;
                        stream.WriteByte((byte)(low | WeakFlag));
                    }

                    stream.Flush(flushToDisk: true);
                }

                // The same length and time as the copy MSBuild made, so that its incremental copy sees the
                // file as up to date and leaves the patched file in place instead of copying it again.
                File.SetLastWriteTimeUtc(temporary, lastWrite);

                // On Unix this is rename(2): atomic, and it replaces the directory entry, not the file's contents.
                File.Replace(temporary, full, null);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    /// <summary>One <c>Vernaux</c> entry of an ELF file's <c>SHT_GNU_verneed</c> section.</summary>
    public sealed class ElfVersionNeed
    {
        /// <summary>Creates an entry.</summary>
        /// <param name="file">The library the version is needed from (the <c>Verneed</c>'s <c>vn_file</c>).</param>
        /// <param name="version">The version name (<c>vna_name</c>).</param>
        /// <param name="flags">The flags (<c>vna_flags</c>).</param>
        /// <param name="flagsOffset">The file offset of <c>vna_flags</c>.</param>
        public ElfVersionNeed(string file, string version, int flags, long flagsOffset)
        {
            File = file;
            Version = version;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The library the version is needed from, such as <c>libstdc++.so.6</c>.</summary>
        public string File { get; }

        /// <summary>The version name, such as <c>GLIBCXX_3.4.32</c>.</summary>
        public string Version { get; }

        /// <summary>The flags; bit 0x2 is VER_FLG_WEAK.</summary>
        public int Flags { get; }

        /// <summary>The file offset of the two-byte <c>vna_flags</c> field.</summary>
        public long FlagsOffset { get; }
    }

    /// <summary>
    /// Reads what the patcher needs from an ELF64 little-endian shared object: its section headers, version
    /// needs and version definitions. Every offset is checked against the file's length before it is read.
    /// </summary>
    public sealed class ElfFile : IDisposable
    {
        private const int HeaderSize = 64;
        private const int SectionHeaderSize = 64;
        private const uint StringTableType = 3;          // SHT_STRTAB
        private const uint VersionDefinitionType = 0x6ffffffd; // SHT_GNU_verdef
        private const uint VersionNeedType = 0x6ffffffe;       // SHT_GNU_verneed
        private const int VerneedSize = 16;
        private const int VernauxSize = 16;
        private const int VerdefSize = 20;
        private const int VerdauxSize = 8;

        private readonly FileStream stream;
        private readonly string path;
        private readonly long length;
        private readonly List<Section> sections;

        private ElfFile(string path, FileStream stream)
        {
            this.path = path;
            this.stream = stream;
            length = stream.Length;
            sections = ReadSections();
        }

        /// <summary>Opens a file for reading and checks its ELF header and section header table.</summary>
        /// <param name="path">The file.</param>
        /// <returns>The open file.</returns>
        /// <exception cref="ArgumentException">The path is empty.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian shared object, or is malformed.</exception>
        public static ElfFile Open(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("the path of the ELF file is empty", nameof(path));
            }

            if (Directory.Exists(path))
            {
                throw new InvalidDataException(Refusal(path, "it is a directory"));
            }

            if (!System.IO.File.Exists(path))
            {
                throw new FileNotFoundException("no such file: '" + path + "'", path);
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            try
            {
                return new ElfFile(path, stream);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Every <c>Vernaux</c> entry of the <c>SHT_GNU_verneed</c> sections, in file order.</summary>
        /// <returns>The entries; empty when the file has no version needs.</returns>
        /// <exception cref="InvalidDataException">The sections are malformed.</exception>
        public IReadOnlyList<ElfVersionNeed> ReadVersionNeeds()
        {
            var needs = new List<ElfVersionNeed>();
            foreach (var section in sections)
            {
                if (section.Type != VersionNeedType)
                {
                    continue;
                }

                var strings = LinkedStrings(section, "SHT_GNU_verneed");
                long entry = 0;
                for (var count = 0; ; count++)
                {
                    if (count > section.Size / VerneedSize)
                    {
                        throw Malformed("its Verneed chain in section " + section.Index + " has more entries than the section can hold");
                    }

                    var record = Read(section, entry, VerneedSize, "a Verneed entry");
                    var version = UInt16(record, 0);
                    var auxCount = UInt16(record, 2);
                    var file = ReadString(strings, UInt32(record, 4), "a Verneed's vn_file");
                    var aux = entry + UInt32(record, 8);
                    var next = UInt32(record, 12);
                    if (version != 1)
                    {
                        throw Malformed("a Verneed entry at offset 0x" + (section.Offset + entry).ToString("x") + " has vn_version " + version + "; only version 1 exists");
                    }

                    for (var i = 0; i < auxCount; i++)
                    {
                        var item = Read(section, aux, VernauxSize, "a Vernaux entry");
                        var name = ReadString(strings, UInt32(item, 8), "a Vernaux's vna_name");
                        needs.Add(new ElfVersionNeed(file, name, UInt16(item, 4), section.Offset + aux + 4));
                        var auxNext = UInt32(item, 12);
                        if (auxNext == 0)
                        {
                            break;
                        }

                        aux += auxNext;
                    }

                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return needs;
        }

        /// <summary>The names of the versions the <c>SHT_GNU_verdef</c> sections define (the first <c>Verdaux</c> of each).</summary>
        /// <returns>The names; empty when the file defines no versions.</returns>
        /// <exception cref="InvalidDataException">The sections are malformed.</exception>
        public IReadOnlyList<string> ReadVersionDefinitions()
        {
            var names = new List<string>();
            foreach (var section in sections)
            {
                if (section.Type != VersionDefinitionType)
                {
                    continue;
                }

                var strings = LinkedStrings(section, "SHT_GNU_verdef");
                long entry = 0;
                for (var count = 0; ; count++)
                {
                    if (count > section.Size / VerdefSize)
                    {
                        throw Malformed("its Verdef chain in section " + section.Index + " has more entries than the section can hold");
                    }

                    var record = Read(section, entry, VerdefSize, "a Verdef entry");
                    if (UInt16(record, 6) > 0)
                    {
                        var aux = Read(section, entry + UInt32(record, 12), VerdauxSize, "a Verdaux entry");
                        names.Add(ReadString(strings, UInt32(aux, 0), "a Verdaux's vda_name"));
                    }

                    var next = UInt32(record, 16);
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return names;
        }

        /// <summary>Closes the file.</summary>
        public void Dispose() => stream.Dispose();

        private static string Refusal(string path, string reason) =>
            "not an ELF64 little-endian shared object: " + path + " (" + reason + ")";

        private static ushort UInt16(byte[] bytes, int at) => (ushort)(bytes[at] | (bytes[at + 1] << 8));

        private static uint UInt32(byte[] bytes, int at) =>
            (uint)(bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24));

        private static ulong UInt64(byte[] bytes, int at) => UInt32(bytes, at) | ((ulong)UInt32(bytes, at + 4) << 32);

        private InvalidDataException Malformed(string reason) => new InvalidDataException(Refusal(path, reason));

        private List<Section> ReadSections()
        {
            if (length < HeaderSize)
            {
                throw Malformed("it is " + length + " bytes long, shorter than the 64-byte ELF64 header");
            }

            var header = ReadAt(0, HeaderSize);
            if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
            {
                throw Malformed("it does not start with the ELF magic bytes 7f 45 4c 46");
            }

            if (header[4] != 2)
            {
                throw Malformed(header[4] == 1 ? "it is a 32-bit ELF file (EI_CLASS 1); only ELF64 (EI_CLASS 2) is supported" : "its EI_CLASS is " + header[4] + "; only ELF64 (2) is supported");
            }

            if (header[5] != 1)
            {
                throw Malformed(header[5] == 2 ? "it is big-endian (EI_DATA 2); only little-endian (EI_DATA 1) is supported" : "its EI_DATA is " + header[5] + "; only little-endian (1) is supported");
            }

            if (header[6] != 1)
            {
                throw Malformed("its EI_VERSION is " + header[6] + "; only 1 exists");
            }

            var type = UInt16(header, 16);
            if (type != 3)
            {
                throw Malformed("its e_type is " + type + ", not ET_DYN (3)");
            }

            var tableOffset = UInt64(header, 0x28);
            var entrySize = UInt16(header, 0x3a);
            ulong count = UInt16(header, 0x3c);
            if (tableOffset == 0)
            {
                throw Malformed("it has no section header table, so its version needs cannot be found");
            }

            if (entrySize < SectionHeaderSize)
            {
                throw Malformed("its e_shentsize is " + entrySize + "; ELF64 section headers are 64 bytes");
            }

            if (tableOffset > (ulong)length || (ulong)length - tableOffset < SectionHeaderSize)
            {
                throw Malformed("its section header table at offset 0x" + tableOffset.ToString("x") + " lies past its end (" + length + " bytes; truncated?)");
            }

            if (count == 0)
            {
                // Extended numbering: more than 0xff00 sections; the count is the first section header's sh_size.
                count = UInt64(ReadAt((long)tableOffset, SectionHeaderSize), 32);
            }

            if (count > ((ulong)length - tableOffset) / entrySize)
            {
                throw Malformed("its " + count + " section headers at offset 0x" + tableOffset.ToString("x") + " run past its end (" + length + " bytes; truncated?)");
            }

            var result = new List<Section>((int)count);
            for (var i = 0; i < (int)count; i++)
            {
                var raw = ReadAt((long)tableOffset + (i * (long)entrySize), SectionHeaderSize);
                var section = new Section(i, UInt32(raw, 4), UInt64(raw, 24), UInt64(raw, 32), UInt32(raw, 40));
                if (section.Type == VersionNeedType || section.Type == VersionDefinitionType || section.Type == StringTableType)
                {
                    if (section.RawOffset > (ulong)length || section.RawSize > (ulong)length - section.RawOffset)
                    {
                        throw Malformed("its section " + i + " (offset 0x" + section.RawOffset.ToString("x") + ", " + section.RawSize + " bytes) runs past its end (" + length + " bytes; truncated?)");
                    }
                }

                result.Add(section);
            }

            return result;
        }

        private byte[] LinkedStrings(Section section, string what)
        {
            if (section.Link >= sections.Count || sections[(int)section.Link].Type != StringTableType)
            {
                throw Malformed("its " + what + " section " + section.Index + " links to section " + section.Link + ", which is not a string table");
            }

            var strings = sections[(int)section.Link];
            if (strings.Size > int.MaxValue)
            {
                throw Malformed("its string table section " + strings.Index + " is larger than 2 GB");
            }

            return ReadAt(strings.Offset, (int)strings.Size);
        }

        private string ReadString(byte[] strings, uint offset, string what)
        {
            if (offset >= strings.Length)
            {
                throw Malformed(what + " is at offset " + offset + " of a string table of " + strings.Length + " bytes");
            }

            var end = Array.IndexOf(strings, (byte)0, (int)offset);
            if (end < 0)
            {
                throw Malformed(what + " at offset " + offset + " is not terminated within its string table");
            }

            return Encoding.UTF8.GetString(strings, (int)offset, end - (int)offset);
        }

        private byte[] Read(Section section, long at, int size, string what)
        {
            if (at < 0 || at > section.Size || section.Size - at < size)
            {
                throw Malformed(what + " at offset " + at + " of section " + section.Index + " runs past the section's end (" + section.Size + " bytes)");
            }

            return ReadAt(section.Offset + at, size);
        }

        private byte[] ReadAt(long offset, int size)
        {
            if (offset < 0 || offset > length || length - offset < size)
            {
                throw Malformed(size + " bytes at offset 0x" + offset.ToString("x") + " lie past its end (" + length + " bytes; truncated?)");
            }

            var bytes = new byte[size];
            stream.Position = offset;
            var done = 0;
            while (done < size)
            {
                var read = stream.Read(bytes, done, size - done);
                if (read <= 0)
                {
                    throw Malformed("it ended at " + (offset + done) + " bytes while reading; it changed while being read");
                }

                done += read;
            }

            return bytes;
        }

        private sealed class Section
        {
            public Section(int index, uint type, ulong offset, ulong size, uint link)
            {
                Index = index;
                Type = type;
                RawOffset = offset;
                RawSize = size;
                Link = link;
            }

            public int Index { get; }

            public uint Type { get; }

            public ulong RawOffset { get; }

            public ulong RawSize { get; }

            public uint Link { get; }

            // Checked against the file's length in ReadSections for the section types that are read.
            public long Offset => (long)RawOffset;

            public long Size => (long)RawSize;
        }
    }

    /// <summary>Finds the libstdc++ the dynamic loader would use, and whether it defines a version.</summary>
    public static class SystemLibStdCxx
    {
        private const string Name = "libstdc++.so.6";

        /// <summary>Whether this is a Linux host, the only kind whose loader the patch concerns.</summary>
        public static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>
        /// The loader's libstdc++.so.6: the first of <c>ldconfig -p</c>'s entries for this process's architecture,
        /// else the first that exists in the usual multiarch library folders.
        /// </summary>
        /// <returns>Its path, or null when none is found.</returns>
        public static string? Find()
        {
            foreach (var candidate in Candidates())
            {
                if (System.IO.File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        /// <summary>Whether a shared object defines a symbol version (in its <c>SHT_GNU_verdef</c> section).</summary>
        /// <param name="path">The shared object, such as a libstdc++.so.6.</param>
        /// <param name="version">The version, such as GLIBCXX_3.4.32.</param>
        /// <returns>True when it defines the version.</returns>
        /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian shared object, or is malformed.</exception>
        public static bool Defines(string path, string version)
        {
            using (var elf = ElfFile.Open(path))
            {
                foreach (var name in elf.ReadVersionDefinitions())
                {
                    if (name == version)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static IEnumerable<string> Candidates()
        {
            foreach (var path in FromLdconfig())
            {
                yield return path;
            }

            var triplet = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
            foreach (var folder in new[] { "/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib" })
            {
                yield return folder + "/" + Name;
            }
        }

        private static List<string> FromLdconfig()
        {
            // A line looks like: "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".
            var architecture = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "AArch64" : "x86-64";
            var paths = new List<string>();
            foreach (var line in LdconfigCache().Split('\n'))
            {
                var text = line.Trim();
                var arrow = text.IndexOf(" => ", StringComparison.Ordinal);
                if (!text.StartsWith(Name + " (", StringComparison.Ordinal) || arrow < 0)
                {
                    continue;
                }

                var tags = text.Substring(Name.Length, arrow - Name.Length);
                if (tags.IndexOf(architecture, StringComparison.Ordinal) >= 0)
                {
                    paths.Add(text.Substring(arrow + 4).Trim());
                }
            }

            return paths;
        }

        private static string LdconfigCache()
        {
            foreach (var program in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
            {
                if (program.StartsWith("/", StringComparison.Ordinal) && !System.IO.File.Exists(program))
                {
                    continue;
                }

                try
                {
                    var start = new ProcessStartInfo(program, "-p")
                    {
                        UseShellExecute = false,
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                        CreateNoWindow = true,
                    };
                    using (var process = Process.Start(start))
                    {
                        if (process == null)
                        {
                            continue;
                        }

                        process.ErrorDataReceived += (sender, e) => { };
                        process.BeginErrorReadLine();
                        var output = process.StandardOutput.ReadToEndAsync();
                        if (!process.WaitForExit(10000))
                        {
                            process.Kill();
                            continue;
                        }

                        return output.Result;
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // Not installed or not runnable: try the next one, then fall back to the usual folders.
                }
            }

            return string.Empty;
        }
    }

#if !MTLSHARING_COMPAT_WITHOUT_MSBUILD
    /// <summary>
    /// The MSBuild task MtlSharing.targets runs after a build or publish copies TorchSharp's native files:
    /// marks the GLIBCXX_3.4.32 need of each libLibTorchSharp.so weak where the system libstdc++ lacks that version.
    /// </summary>
    public sealed class PatchLibTorchSharpVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>The libLibTorchSharp.so files in the build or publish output.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

        /// <summary>
        /// auto (patch on Linux when the system libstdc++ lacks GLIBCXX_3.4.32), always (patch on any host) or
        /// never; from the MtlSharingPatchLibTorchSharp property.
        /// </summary>
        public string Mode { get; set; } = "auto";

        /// <summary>The libstdc++.so.6 that auto inspects; empty for the one the loader finds (ldconfig -p).</summary>
        public string LibStdCxxPath { get; set; } = string.Empty;

        /// <summary>The files this run patched.</summary>
        [Microsoft.Build.Framework.Output]
        public Microsoft.Build.Framework.ITaskItem[] PatchedFiles { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

        /// <summary>Patches the files, or explains why not.</summary>
        /// <returns>False when a file could not be read or patched.</returns>
        public override bool Execute()
        {
            var low = Microsoft.Build.Framework.MessageImportance.Low;
            var mode = (Mode ?? string.Empty).Trim().ToLowerInvariant();
            if (mode.Length == 0)
            {
                mode = "auto";
            }

            if (mode != "auto" && mode != "always" && mode != "never")
            {
                Log.LogError("MtlSharingPatchLibTorchSharp is '" + Mode + "'; use auto, always or never");
                return false;
            }

            if (mode == "never" || Files.Length == 0)
            {
                Log.LogMessage(low, "MtlSharing: libLibTorchSharp.so left as it is (MtlSharingPatchLibTorchSharp=" + mode + ", " + Files.Length + " file(s))");
                return true;
            }

            if (mode == "auto" && !NeedsPatch())
            {
                return true;
            }

            var patched = new List<Microsoft.Build.Framework.ITaskItem>();
            foreach (var item in Files)
            {
                var path = item.GetMetadata("FullPath");
                try
                {
                    var result = LibTorchSharpElfPatcher.Patch(path);
                    var importance = result.Outcome == LibTorchSharpPatchOutcome.Patched ? Microsoft.Build.Framework.MessageImportance.Normal : low;
                    Log.LogMessage(importance, result.ToString());
                    if (result.Outcome == LibTorchSharpPatchOutcome.Patched)
                    {
                        patched.Add(item);
                    }
                }
                catch (Exception e) when (!(e is OutOfMemoryException))
                {
                    // A clear build error naming the file, never an MSB4018 "task failed unexpectedly" stack trace.
                    Log.LogError(null, "MTLS0001", null, path, 0, 0, 0, 0, "MtlSharing could not patch TorchSharp's native library for older Linux: " + e.Message
                        + ". Set MtlSharingPatchLibTorchSharp=never to skip this step.");
                }
            }

            PatchedFiles = patched.ToArray();
            return !Log.HasLoggedErrors;
        }

        private bool NeedsPatch()
        {
            var low = Microsoft.Build.Framework.MessageImportance.Low;
            if (LibStdCxxPath.Length == 0 && !SystemLibStdCxx.IsLinux)
            {
                Log.LogMessage(low, "MtlSharing: not a Linux host; libLibTorchSharp.so left as it is (MtlSharingPatchLibTorchSharp=always patches anyway)");
                return false;
            }

            var libstdcxx = LibStdCxxPath.Length > 0 ? LibStdCxxPath : SystemLibStdCxx.Find();
            if (libstdcxx == null)
            {
                Log.LogMessage(low, "MtlSharing: found no libstdc++.so.6; patching libLibTorchSharp.so in case it is older than GCC 13's");
                return true;
            }

            try
            {
                if (SystemLibStdCxx.Defines(libstdcxx, LibTorchSharpElfPatcher.MarkerVersion))
                {
                    Log.LogMessage(low, "MtlSharing: " + libstdcxx + " provides " + LibTorchSharpElfPatcher.MarkerVersion + "; libLibTorchSharp.so left as it is");
                    return false;
                }

                Log.LogMessage(low, "MtlSharing: " + libstdcxx + " lacks " + LibTorchSharpElfPatcher.MarkerVersion);
                return true;
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                Log.LogMessage(low, "MtlSharing: could not read the version definitions of " + libstdcxx + " (" + e.Message + "); patching libLibTorchSharp.so in case it lacks " + LibTorchSharpElfPatcher.MarkerVersion);
                return true;
            }
        }
    }
#endif
}
