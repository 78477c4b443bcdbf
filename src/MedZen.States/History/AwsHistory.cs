namespace MedZen.States.History;

/// <summary>
/// The AWS view of a stored history. Engine-internal bookkeeping events (e.g. <c>Engine.RetryScheduled</c>) take a
/// storage id, but AWS ids are contiguous, so visible events are renumbered 1, 2, 3, … and a previousEventId that pointed
/// at an internal event points at the visible event before it.
/// </summary>
internal static class AwsHistory
{
    public static IReadOnlyList<HistoryEvent> Visible(IReadOnlyList<HistoryEvent> stored)
    {
        var visibleIdOf = new Dictionary<long, long>(stored.Count);
        var result = new List<HistoryEvent>(stored.Count);
        long lastVisible = 0;
        foreach (var e in stored)
        {
            if (HistoryEventTypes.IsEngineInternal(e.Type))
            {
                visibleIdOf[e.Id] = lastVisible;
                continue;
            }
            var id = lastVisible + 1;
            visibleIdOf[e.Id] = id;
            var previous = visibleIdOf.TryGetValue(e.PreviousEventId, out var p) ? p : e.PreviousEventId - (e.Id - id);
            result.Add(e.WithIds(id, Math.Max(0, previous)));
            lastVisible = id;
        }
        return result;
    }

    /// <summary>The visible id of stored event <paramref name="storedId"/>, given the stored ids of internal events.</summary>
    public static long VisibleId(long storedId, IReadOnlyCollection<long> internalIds) =>
        storedId - internalIds.Count(i => i < storedId);
}
