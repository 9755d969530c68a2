using System.Runtime.Versioning;

// The patch concerns Linux's dynamic loader; these tests read /proc, hard-link files and set Unix modes.
[assembly: SupportedOSPlatform("linux")]
