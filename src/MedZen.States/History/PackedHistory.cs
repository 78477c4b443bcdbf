namespace MedZen.States.History;

/// <summary>
/// A closed execution's events packed into slices of large reused arrays, for stores that keep histories in memory.
/// </summary>
/// <remarks>
/// A retained history as objects is several small objects per event, and thousands of retained histories made the
/// garbage collector's work the largest cost of running executions. Packed, a history is one plain struct per event
/// (numbers, and where its strings are in the text) and one text slice holding each distinct name once and each
/// payload, both in <see cref="Arena{T}"/> chunks; neither holds a reference, so the collector never looks inside.
/// An Entered event that carries the previous event's payload shares its text. Events without compact details (and
/// assigned variables) are kept as objects in a small array of the history's own.
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
        ExecutionStarted,
    }

    [ThreadStatic]
    private static Packer? _t_packer;

    private readonly Arena<Entry>.Slice _entries;
    private readonly Arena<char>.Slice _text;
    private readonly object[]? _objects;

    private PackedHistory(Arena<Entry>.Slice entries, Arena<char>.Slice text, object[]? objects)
    {
        _entries = entries;
        _text = text;
        _objects = objects;
    }

    /// <summary>Packs <paramref name="events"/> into space reserved from <paramref name="storage"/> (or arrays of their own).</summary>
    public static PackedHistory Pack(IReadOnlyList<HistoryEvent> events, Storage? storage = null) =>
        (_t_packer ??= new Packer()).Pack(events, storage);

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
        var strings = new Dictionary<int, string>();
        string? Read(TextRange range, ReadOnlySpan<char> from)
        {
            if (range.Length < 0)
            {
                return null;
            }

            if (!strings.TryGetValue(range.Start, out var value) || value.Length != range.Length)
            {
                strings[range.Start] = value = new string(from.Slice(range.Start, range.Length));
            }

            return value;
        }

        foreach (ref readonly var entry in _entries.Span)
        {
            if (entry.Kind == Kind.Whole)
            {
                events.Add((HistoryEvent)_objects![entry.Object]);
                continue;
            }
            var name = Read(entry.Name, text);
            var other = Read(entry.Other, text);
            CompactDetails details = entry.Kind switch
            {
                Kind.Entered or Kind.Exited => new StateTransition(entry.Kind == Kind.Exited, name!, Read(entry.Payload, text)!,
                    entry.Object < 0 ? null : (IReadOnlyList<KeyValuePair<string, string>>)_objects![entry.Object], other),
                Kind.MapIteration => new MapIteration(other!, name!, entry.Number),
                Kind.Payload => new PayloadDetails(name!, other!, Read(entry.Payload, text)!),
                Kind.ExecutionStarted => new ExecutionStartedDetails(Read(entry.Payload, text)!, other),
                _ => throw new InvalidOperationException($"No compact details for a packed {entry.Kind} event."),
            };
            var offset = TimeSpan.FromMinutes(entry.OffsetMinutes);
            events.Add(HistoryEvent.Compact(entry.Id, entry.PreviousEventId, new DateTimeOffset(entry.UtcTicks + offset.Ticks, offset),
                Read(entry.Type, text)!, Read(entry.Scope, text)!, details));
        }
        return events;
    }

    /// <summary>Where a string is in a history's text; a negative length is null.</summary>
    internal readonly record struct TextRange(int Start, int Length)
    {
        public static readonly TextRange Null = new(0, -1);
    }

    /// <param name="Name">A state transition's or Map iteration's name; a payload event's details name.</param>
    /// <param name="Other">A state transition's next state; a Map iteration's details name; a payload event's field; an
    /// execution's role.</param>
    /// <param name="Object">Index in the history's objects: the whole event (kind <see cref="Kind.Whole"/>) or a state
    /// transition's assigned variables; -1 for none.</param>
    /// <param name="Number">A Map iteration's index.</param>
    internal readonly record struct Entry(
        Kind Kind, short OffsetMinutes, int Number, int Object, long Id, long PreviousEventId, long UtcTicks,
        TextRange Type, TextRange Scope, TextRange Name, TextRange Other, TextRange Payload);

    /// <summary>
    /// One thread's scratch space for packing: entries are written straight into their slice with the positions their
    /// strings will have, and the strings are copied into the text slice at the end. A repeated name is written once
    /// per history (<see cref="Name"/>).
    /// </summary>
    private sealed class Packer
    {
        private readonly IdentitySlots _names = new(1024);
        private readonly List<string> _texts = [];
        private int _length;

        public PackedHistory Pack(IReadOnlyList<HistoryEvent> events, Storage? storage)
        {
            try
            {
                return PackCore(events, storage);
            }
            finally
            {
                Reset();
            }
        }

        private PackedHistory PackCore(IReadOnlyList<HistoryEvent> events, Storage? storage)
        {
            var entrySlice = storage is null ? Arena<Entry>.Own(events.Count) : storage.Entries.Reserve(events.Count);
            var entries = entrySlice.Span;
            List<object>? objects = null;
            string? lastPayload = null;
            var lastPayloadRange = TextRange.Null;
            TextRange PayloadRange(string payload)
            {
                if (!ReferenceEquals(payload, lastPayload))
                {
                    lastPayloadRange = Append(payload);
                    lastPayload = payload;
                }
                return lastPayloadRange;
            }

            int Keep(object value)
            {
                (objects ??= []).Add(value);
                return objects.Count - 1;
            }

            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var offset = (short)e.Timestamp.Offset.TotalMinutes;
                entries[i] = (e.HasOwnEngine ? null : e.CompactForm) switch
                {
                    StateTransition t => new Entry(t.Exited ? Kind.Exited : Kind.Entered, offset, 0, t.Assigned is null ? -1 : Keep(t.Assigned),
                        e.Id, e.PreviousEventId, e.Timestamp.UtcTicks, Name(e.Type), Name(e.Scope), Name(t.Name), Name(t.Next), PayloadRange(t.Payload)),
                    MapIteration m => new Entry(Kind.MapIteration, offset, m.Index, -1, e.Id, e.PreviousEventId, e.Timestamp.UtcTicks,
                        Name(e.Type), Name(e.Scope), Name(m.Name), Name(m.DetailsName), TextRange.Null),
                    PayloadDetails p => new Entry(Kind.Payload, offset, 0, -1, e.Id, e.PreviousEventId, e.Timestamp.UtcTicks,
                        Name(e.Type), Name(e.Scope), Name(p.DetailsName), Name(p.Field), PayloadRange(p.Payload)),
                    ExecutionStartedDetails s => new Entry(Kind.ExecutionStarted, offset, 0, -1, e.Id, e.PreviousEventId, e.Timestamp.UtcTicks,
                        Name(e.Type), Name(e.Scope), TextRange.Null, Name(s.RoleArn), PayloadRange(s.Input)),
                    _ => new Entry(Kind.Whole, 0, 0, Keep(e), 0, 0, 0, TextRange.Null, TextRange.Null, TextRange.Null, TextRange.Null, TextRange.Null),
                };
            }

            var textSlice = storage is null ? Arena<char>.Own(_length) : storage.Text.Reserve(_length);
            var text = textSlice.Span;
            var position = 0;
            foreach (var value in _texts)
            {
                value.CopyTo(text[position..]);
                position += value.Length;
            }
            return new PackedHistory(entrySlice, textSlice, objects?.ToArray());
        }

        /// <summary>A repeated string (a name, a type, a scope): written once per history (<see cref="IdentitySlots"/>).</summary>
        private TextRange Name(string? value)
        {
            if (value is null)
            {
                return TextRange.Null;
            }

            if (_names.TryGet(value, out var start))
            {
                return new TextRange(start, value.Length);
            }

            var range = Append(value);
            _names.Set(value, range.Start);
            return range;
        }

        private TextRange Append(string value)
        {
            var range = new TextRange(_length, value.Length);
            _texts.Add(value);
            _length += value.Length;
            return range;
        }

        /// <summary>Forgets this history's strings, so the thread holds on to none of them.</summary>
        private void Reset()
        {
            _names.Clear();
            _texts.Clear();
            _length = 0;
        }
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
    /// neither allocations nor copies as the garbage collector ages them (arrays of their own per history measured
    /// 15–25 % slower on the chain benchmarks).
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
            if (length > chunkLength)
            {
                return Own(length);
            }

            lock (_sync)
            {
                if (_current is null || _current.Used + length > chunkLength)
                {
                    var full = _current;
                    _current = _free.Count > 0 ? _free.Pop() : new Chunk(new T[chunkLength]);
                    if (full is { Holders: 0 })
                    {
                        Recycle(full);
                    }
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
                if (--chunk.Holders == 0 && !ReferenceEquals(chunk, _current))
                {
                    Recycle(chunk);
                }
            }
        }

        private void Recycle(Chunk chunk)
        {
            if (_free.Count >= MaxFreeChunks)
            {
                return;
            }

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
}
