namespace MedZen.States.History;

/// <summary>
/// Small durable records beside the histories: pending task tokens, activities, tags. A kind names a collection; a key
/// is unique within it. Like <see cref="IStatesStore"/>, every write returns once it is durable.
/// </summary>
public interface IStatesRecordStore
{
    /// <summary>Writes (or, with a null <paramref name="body"/>, deletes) one record.</summary>
    Task PutRecordAsync(string kind, string key, string? body, CancellationToken ct);

    Task<string?> GetRecordAsync(string kind, string key, CancellationToken ct);

    Task<IReadOnlyList<KeyValuePair<string, string>>> ListRecordsAsync(string kind, CancellationToken ct);
}
