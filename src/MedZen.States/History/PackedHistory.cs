namespace MedZen.States.History;

/// <summary>
/// A closed execution's events packed into two arrays, for stores that keep histories in memory.
/// </summary>
/// <remarks>
/// A retained history as objects is several small objects per event, and thousands of retained histories made the
/// garbage collector's work the largest cost of running executions. Packed, a history is two objects: one struct per
/// event (its fields, and references to the names the definition already holds) and one array with every payload's text.
/// An Entered event that carries the previous event's payload shares its text instead of copying it. The rare kinds
/// without compact details are kept whole.
/// </remarks>
internal sealed class PackedHistory
{
    private enum Kind : byte
    {
        Whole,
        Entered,
        Exited,
        MapIteration,
        Payload,
    }

    private readonly Entry[] _entries;
    private readonly char[] _text;

    private PackedHistory(Entry[] entries, char[] text)
    {
        _entries = entries;
        _text = text;
    }

    public int Count => _entries.Length;

    public static PackedHistory Pack(IReadOnlyList<HistoryEvent> events)
    {
        var length = 0;
        string? last = null;
        foreach (var e in events)
        {
            if (PayloadOf(e) is { } payload && !ReferenceEquals(payload, last))
            {
                length += payload.Length;
                last = payload;
            }
        }

        var entries = new Entry[events.Count];
        // Pinned: the text is never moved, so keeping it costs no copying as it ages through the generations.
        var text = length == 0 ? [] : new char[length];
        var position = 0;
        var lastStart = 0;
        last = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (PayloadOf(e) is { } payload && !ReferenceEquals(payload, last))
            {
                payload.CopyTo(text.AsSpan(position));
                lastStart = position;
                position += payload.Length;
                last = payload;
            }
            entries[i] = Entry.Of(e, lastStart, last?.Length ?? 0);
        }
        return new PackedHistory(entries, text);
    }

    public List<HistoryEvent> Unpack()
    {
        var events = new List<HistoryEvent>(_entries.Length);
        string? payload = null;
        var payloadStart = -1;
        foreach (ref readonly var entry in _entries.AsSpan())
        {
            if (entry.Kind == Kind.Whole)
            {
                events.Add((HistoryEvent)entry.Extra!);
                continue;
            }
            if (entry.Kind != Kind.MapIteration && (payload is null || entry.TextStart != payloadStart || entry.TextLength != payload.Length))
            {
                payload = new string(_text, entry.TextStart, entry.TextLength);
                payloadStart = entry.TextStart;
            }
            events.Add(entry.ToEvent(payload!));
        }
        return events;
    }

    private static string? PayloadOf(HistoryEvent e) => e.HasOwnEngine
        ? null
        : e.CompactForm switch
        {
            StateTransition t => t.Payload,
            PayloadDetails p => p.Payload,
            _ => null,
        };

    /// <param name="Name">A state transition's or Map iteration's name; a payload event's details name.</param>
    /// <param name="Other">A state transition's next state; a Map iteration's details name; a payload event's field.</param>
    /// <param name="Extra">The whole event (kind <see cref="Kind.Whole"/>) or a state transition's assigned variables.</param>
    private readonly record struct Entry(
        Kind Kind, long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type, string Scope, string? Name, string? Other,
        object? Extra, int Number, int TextStart, int TextLength)
    {
        public static Entry Of(HistoryEvent e, int textStart, int textLength) => e.HasOwnEngine
            ? Whole(e)
            : e.CompactForm switch
            {
                StateTransition t => new(t.Exited ? Kind.Exited : Kind.Entered, e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.Scope, t.Name, t.Next,
                    t.Assigned, 0, textStart, textLength),
                MapIteration m => new(Kind.MapIteration, e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.Scope, m.Name, m.DetailsName, null, m.Index, 0, 0),
                PayloadDetails p => new(Kind.Payload, e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.Scope, p.DetailsName, p.Field, null, 0,
                    textStart, textLength),
                _ => Whole(e),
            };

        private static Entry Whole(HistoryEvent e) => new(Kind.Whole, 0, 0, default, "", "", null, null, e, 0, 0, 0);

        public HistoryEvent ToEvent(string payload)
        {
            CompactDetails details = Kind switch
            {
                Kind.Entered or Kind.Exited => new StateTransition(Kind == Kind.Exited, Name!, payload,
                    (IReadOnlyList<KeyValuePair<string, string>>?)Extra, Other),
                Kind.MapIteration => new MapIteration(Other!, Name!, Number),
                Kind.Payload => new PayloadDetails(Name!, Other!, payload),
                _ => throw new InvalidOperationException($"No compact details for a packed {Kind} event."),
            };
            return HistoryEvent.Compact(Id, PreviousEventId, Timestamp, Type, Scope, details);
        }
    }
}
