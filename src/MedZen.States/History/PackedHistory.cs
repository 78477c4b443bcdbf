namespace MedZen.States.History;

/// <summary>
/// A closed execution's events packed into two slices of large reused arrays, for stores that keep histories in memory.
/// </summary>
/// <remarks>
/// A retained history as objects is several small objects per event, and thousands of retained histories made the
/// garbage collector's work the largest cost of running executions. Packed, a history is one struct per event (its
/// fields, and references to the names the definition already holds) and the text of its payloads, both in slices of
/// <see cref="Arena{T}"/> chunks. An Entered event that carries the previous event's payload shares its text instead of
/// copying it. The rare kinds without compact details are kept whole.
/// </remarks>
internal sealed class PackedHistory
{
    internal enum Kind : byte
    {
        Whole,
        Entered,
        Exited,
        MapIteration,
        Payload,
    }

    private readonly Arena<Entry>.Slice _entries;
    private readonly Arena<char>.Slice _text;

    private PackedHistory(Arena<Entry>.Slice entries, Arena<char>.Slice text)
    {
        _entries = entries;
        _text = text;
    }

    public int Count => _entries.Length;

    /// <summary>Packs <paramref name="events"/> into space reserved from <paramref name="storage"/> (or arrays of their own).</summary>
    public static PackedHistory Pack(IReadOnlyList<HistoryEvent> events, Storage? storage = null)
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

        var entrySlice = storage is null ? Arena<Entry>.Own(events.Count) : storage.Entries.Reserve(events.Count);
        var textSlice = storage is null ? Arena<char>.Own(length) : storage.Text.Reserve(length);
        var entries = entrySlice.Span;
        var text = textSlice.Span;
        var position = 0;
        var lastStart = 0;
        last = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (PayloadOf(e) is { } payload && !ReferenceEquals(payload, last))
            {
                payload.CopyTo(text[position..]);
                lastStart = position;
                position += payload.Length;
                last = payload;
            }
            entries[i] = Entry.Of(e, lastStart, last?.Length ?? 0);
        }
        return new PackedHistory(entrySlice, textSlice);
    }

    /// <summary>Gives the space back (the history is forgotten or unpacked for good); the caller reads it no more.</summary>
    public void Release()
    {
        _entries.Release();
        _text.Release();
    }

    public List<HistoryEvent> Unpack()
    {
        var events = new List<HistoryEvent>(_entries.Length);
        var text = _text.Span;
        string? payload = null;
        var payloadStart = -1;
        foreach (ref readonly var entry in _entries.Span)
        {
            if (entry.Kind == Kind.Whole)
            {
                events.Add((HistoryEvent)entry.Extra!);
                continue;
            }
            if (entry.Kind != Kind.MapIteration && (payload is null || entry.TextStart != payloadStart || entry.TextLength != payload.Length))
            {
                payload = new string(text.Slice(entry.TextStart, entry.TextLength));
                payloadStart = entry.TextStart;
            }
            events.Add(entry.ToEvent(payload!));
        }
        return events;
    }

    /// <summary>The space a store packs its histories into: one arena for events, one for payload text.</summary>
    /// <remarks>By default about 700 KB of events and 1 MB of text per chunk: each chunk is allocated once, in the large object heap, and reused.</remarks>
    public sealed class Storage(int eventsPerChunk = 8 * 1024, int charsPerChunk = 512 * 1024)
    {
        public Arena<Entry> Entries { get; } = new(eventsPerChunk);

        public Arena<char> Text { get; } = new(charsPerChunk);
    }

    /// <summary>
    /// Large arrays handed out in consecutive slices and reused once every slice of one is released. Histories are
    /// packed as executions close and forgotten oldest first, so a chunk empties as a whole: the retained histories cost
    /// neither allocations nor copies as the garbage collector ages them, which as separate arrays cost a third of the CPU.
    /// </summary>
    public sealed class Arena<T>(int chunkLength)
    {
        private const int MaxFreeChunks = 4;

        private readonly Lock _sync = new();
        private readonly Stack<Chunk> _free = new();
        private Chunk? _current;

        /// <summary>Space for <paramref name="length"/> items: a slice of the current chunk, or an array of its own when larger than a chunk.</summary>
        public Slice Reserve(int length)
        {
            if (length > chunkLength) return Own(length);
            lock (_sync)
            {
                if (_current is null || _current.Used + length > chunkLength)
                {
                    var full = _current;
                    _current = _free.Count > 0 ? _free.Pop() : new Chunk(new T[chunkLength]);
                    if (full is { Holders: 0 }) Recycle(full);
                }
                var slice = new Slice(this, _current, _current.Used, length);
                _current.Used += length;
                _current.Holders++;
                return slice;
            }
        }

        /// <summary>An array of its own (not from any arena).</summary>
        public static Slice Own(int length) => new(null, new Chunk(length == 0 ? [] : new T[length]), 0, length);

        private void Release(Chunk chunk)
        {
            lock (_sync)
            {
                if (--chunk.Holders == 0 && !ReferenceEquals(chunk, _current)) Recycle(chunk);
            }
        }

        private void Recycle(Chunk chunk)
        {
            if (_free.Count >= MaxFreeChunks) return;
            // Nothing a forgotten history referred to stays reachable through a pooled chunk.
            if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(chunk.Items, 0, chunk.Used);
            chunk.Used = 0;
            _free.Push(chunk);
        }

        public sealed class Chunk(T[] items)
        {
            public T[] Items { get; } = items;

            public int Used { get; set; }

            public int Holders { get; set; }
        }

        public readonly struct Slice(Arena<T>? owner, Chunk chunk, int start, int length)
        {
            public int Length => length;

            public Span<T> Span => chunk.Items.AsSpan(start, length);

            public void Release() => owner?.Release(chunk);
        }
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
    internal readonly record struct Entry(
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
