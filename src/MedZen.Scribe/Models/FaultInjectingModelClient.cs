using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.Scribe.Models;

/// <summary>
/// Which faults the offline model simulates, and how often: <c>throttle=0.3,unavailable=0.05,badjson=0.02</c>
/// (<c>MEDZEN__MODEL__OFFLINE__FAULTS</c>). Each value is the share of calls, from 0 to 1, that fail that way; together
/// at most 1. <c>throttle</c> raises <see cref="ModelErrorNames.Throttling"/> and <c>unavailable</c>
/// <see cref="ModelErrorNames.ServiceUnavailable"/> (both retried, then parked, as Bedrock's would be);
/// <c>badjson</c> answers a reply that is not a note (the parse step fails it).
/// </summary>
public sealed record ModelFaultPlan(double Throttle, double Unavailable, double BadJson)
{
    public static readonly ModelFaultPlan None = new(0, 0, 0);

    public bool IsEmpty => Throttle + Unavailable + BadJson == 0;

    /// <summary>Reads the setting; null or blank is no faults.</summary>
    /// <exception cref="FormatException">An unknown fault, a share outside 0..1, or shares adding up to more than 1.</exception>
    public static ModelFaultPlan Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        double throttle = 0, unavailable = 0, badJson = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is < 0 or > 1 || double.IsNaN(share))
            {
                throw new FormatException($"Model:Offline:Faults: '{part}' must be name=share with a share from 0 to 1.");
            }

            switch (pair[0].ToLowerInvariant())
            {
                case "throttle": throttle = share; break;
                case "unavailable": unavailable = share; break;
                case "badjson": badJson = share; break;
                default: throw new FormatException($"Model:Offline:Faults: '{pair[0]}' is not one of throttle, unavailable, badjson.");
            }
        }

        return throttle + unavailable + badJson > 1 + 1e-9
            ? throw new FormatException("Model:Offline:Faults: the shares add up to more than 1.")
            : new ModelFaultPlan(throttle, unavailable, badJson);
    }
}

/// <summary>
/// Simulates a model's faults in front of the offline writer, reproducibly: whether a call fails is a pure function of
/// the seed, the request and how many times that same request was asked before (its retries), so a run with the same
/// seed and the same visits meets the same faults whatever order concurrent calls come in.
/// </summary>
public sealed class FaultInjectingModelClient(IModelClient inner, ModelFaultPlan plan, int seed) : IModelClient
{
    /// <summary>What a <c>badjson</c> fault answers: prose where the note's JSON should be.</summary>
    public const string BadJsonReply = "I'm sorry, I can't produce the note in the requested format right now.";

    private readonly ConcurrentDictionary<ulong, int> _callsPerRequest = new();

    public string ModelId => inner.ModelId;

    public async Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
    {
        var draw = Draw(messagesRequest);
        if (draw < plan.Throttle)
        {
            throw new ModelInvocationException(ModelErrorNames.Throttling, "Simulated fault: too many requests (Model:Offline:Faults).");
        }

        if (draw < plan.Throttle + plan.Unavailable)
        {
            throw new ModelInvocationException(ModelErrorNames.ServiceUnavailable, "Simulated fault: the model is unavailable (Model:Offline:Faults).");
        }

        if (draw < plan.Throttle + plan.Unavailable + plan.BadJson)
        {
            return MessagesReply.Text("msg_simulated_fault", ModelId, BadJsonReply, new MessagesUsage(0, 0)).ToJson();
        }

        return await inner.InvokeAsync(messagesRequest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A number in [0, 1) from SHA-256(seed, request, call number of this request).</summary>
    private double Draw(JsonObject request)
    {
        var requestHash = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(request.ToJsonString())));
        var call = _callsPerRequest.AddOrUpdate(requestHash, 1, (_, n) => n + 1);
        Span<byte> material = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(material, requestHash ^ (ulong)(uint)seed);
        BinaryPrimitives.WriteInt64LittleEndian(material[8..], call);
        var bits = BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(material));
        return (bits >> 11) * (1.0 / (1UL << 53));
    }
}
