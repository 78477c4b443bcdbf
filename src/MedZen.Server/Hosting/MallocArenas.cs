using System.Runtime.InteropServices;

namespace MedZen.Server.Hosting;

/// <summary>
/// Caps glibc's malloc arenas. glibc gives threads that allocate at once arenas of their own, up to eight per core, and
/// an arena's freed memory goes back to the system only from its top. The native allocations here (SQLite's page caches
/// and statements, ONNX Runtime's tensors) come from whichever pool thread runs the work, so every arena kept pages of
/// its own, and a server's resident set rose for as long as it ran: +19 MB over the drain of a 10,000-visit soak.
/// Two arenas bound it (+2 MB, peak 419 → 388 MB; docs/benchmarks.md). Set before the server starts its threads;
/// elsewhere (not Linux, or a libc without <c>mallopt</c>) nothing changes.
/// </summary>
internal static class MallocArenas
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in glibc's malloc.h

    public const int Limit = 2;

    public static void Cap()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return; // an operator's own setting wins
        }

        try
        {
            _ = Mallopt(ArenaMaxOption, Limit);
        }
        catch (EntryPointNotFoundException)
        {
            // musl and other libcs: no arenas to cap.
        }
        catch (DllNotFoundException)
        {
        }
    }

    // DllImport, not LibraryImport: both arguments are blittable, and the project compiles no unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int option, int value);
#pragma warning restore SYSLIB1054
}
