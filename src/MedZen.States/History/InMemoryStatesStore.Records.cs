namespace MedZen.States.History;

public sealed partial class InMemoryStatesStore : IStatesRecordStore
{
    private readonly Dictionary<(string Kind, string Key), string> _records = [];

    public Task PutRecordAsync(string kind, string key, string? body, CancellationToken ct)
    {
        lock (_gate)
        {
            if (body is null)
            {
                _records.Remove((kind, key));
            }
            else
            {
                _records[(kind, key)] = body;
            }
        }
        return Task.CompletedTask;
    }

    public Task<string?> GetRecordAsync(string kind, string key, CancellationToken ct)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.GetValueOrDefault((kind, key)));
        }
    }

    public Task<IReadOnlyList<KeyValuePair<string, string>>> ListRecordsAsync(string kind, CancellationToken ct)
    {
        lock (_gate)
        {
            IReadOnlyList<KeyValuePair<string, string>> list = [.. _records.Where(r => r.Key.Kind == kind).OrderBy(r => r.Key.Key, StringComparer.Ordinal).Select(r => new KeyValuePair<string, string>(r.Key.Key, r.Value))];
            return Task.FromResult(list);
        }
    }
}
