using System.Text;
using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.History;

/// <summary>
/// The stored form of events committed together: one binary row per group. Durable stores write every event before the
/// engine acts on it, so the bytes per event decide how many executions one commit (one fsync) carries.
/// </summary>
/// <remarks>
/// <para>A row is a format byte and then, per event, a header byte, the id and the UTC timestamp as differences from the
/// event before (a byte or two each), and its strings. Every string (type, state name, scope, payload, next state) is
/// written once per row and referred to by number afterwards: a 100-state chain's row holds its data once, each type name
/// once, and each state name once for its Exited event's <c>next</c> and the following Entered event. A state event
/// takes about 8 bytes where the JSON form took 130.</para>
/// <para>Rows written by earlier versions are JSON (they begin with <c>[</c> or <c>{</c>) and still read.</para>
/// </remarks>
internal static class EventRows
{
    /// <summary>The first byte of a binary row; JSON rows begin with '[' or '{'.</summary>
    private const byte BinaryFormat = 0xB1;

    [ThreadStatic]
    private static RowWriter? _t_writer;

    /// <summary>Events (in id order) as one stored row.</summary>
    public static byte[] Write(IReadOnlyList<HistoryEvent> events) => (_t_writer ??= new RowWriter()).Write(events).ToArray();

    /// <summary>Reads one stored row, binary or any earlier JSON form, into <paramref name="into"/>.</summary>
    public static void Read(ArraySegment<byte> row, List<HistoryEvent> into)
    {
        if (row.Count > 0 && row[0] == BinaryFormat)
        {
            new RowReader(row).ReadAll(into);
        }
        else
        {
            HistoryEvent.ReadStoredJson(row, into);
        }
    }

    /// <summary>What follows an event's header byte; the low three bits of the header.</summary>
    private enum Kind : byte
    {
        Details = 0,
        State = 1,
        MapIteration = 2,
        Payload = 3,
        ExecutionStarted = 4,
    }

    [Flags]
    private enum Header : byte
    {
        KindMask = 0b111,
        PreviousId = 1 << 3,
        Scope = 1 << 4,
        TextTimestamp = 1 << 5,
        Engine = 1 << 6,
        /// <summary>State events: Exited rather than Entered.</summary>
        Exited = 1 << 7,
    }

    internal sealed class RowWriter
    {
        private const int ShortString = 64;
        private const int Recent = 8;

        // Before the dictionaries, a table by identity: most strings are found there without hashing their text.
        private readonly IdentitySlots _slots = new(256);

        private byte[] _bytes = new byte[4096];
        private int _length;
        // The strings used last, checked by identity before anything is hashed: in a chain of states an Entered event's
        // name is the previous Exited event's next state, its payload that event's payload, its type two events back.
        private readonly string?[] _recentStrings = new string?[Recent];
        private readonly int[] _recentIndexes = new int[Recent];
        private int _recentNext;
        // Short strings (names, types) are found by value; long ones (payloads) by identity, which costs no hashing of
        // their text and still finds an Entered event's input, the previous Exited event's output.
        private readonly Dictionary<string, int> _byValue = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byIdentity = new(ReferenceEqualityComparer.Instance);
        private int _strings;

        /// <summary>The row, in this writer's buffer: valid until its next call.</summary>
        public ReadOnlySpan<byte> Write(IReadOnlyList<HistoryEvent> events)
        {
            _length = 0;
            try
            {
                WriteEvents(events);
            }
            finally
            {
                Forget();
            }
            return _bytes.AsSpan(0, _length);
        }

        /// <summary>Forgets the row's strings, so the thread holds on to none of them.</summary>
        private void Forget()
        {
            _byValue.Clear();
            _byIdentity.Clear();
            _slots.Clear();
            Array.Clear(_recentStrings);
            _recentNext = 0;
            _strings = 0;
        }

        private void WriteEvents(IReadOnlyList<HistoryEvent> events)
        {
            Byte(BinaryFormat);
            long lastId = 0, lastTicks = 0;
            foreach (var e in events)
            {
                var compact = e.CompactForm;
                // Compact details may derive their engine bookkeeping (an Exited event's next state); only an own one is written.
                var engine = compact is null || e.HasOwnEngine ? e.EngineJson() : null;
                var kind = compact switch
                {
                    StateTransition => Kind.State,
                    MapIteration => Kind.MapIteration,
                    PayloadDetails => Kind.Payload,
                    ExecutionStartedDetails => Kind.ExecutionStarted,
                    _ => Kind.Details,
                };
                var header = (Header)kind;
                if (e.PreviousEventId != e.Id - 1)
                {
                    header |= Header.PreviousId;
                }

                if (e.Scope.Length > 0)
                {
                    header |= Header.Scope;
                }

                if (e.Timestamp.Offset != TimeSpan.Zero)
                {
                    header |= Header.TextTimestamp;
                }

                if (engine is not null)
                {
                    header |= Header.Engine;
                }

                if (compact is StateTransition { Exited: true })
                {
                    header |= Header.Exited;
                }

                Byte((byte)header);
                Signed(e.Id - lastId);
                lastId = e.Id;
                if ((header & Header.PreviousId) != 0)
                {
                    Signed(e.PreviousEventId);
                }

                if ((header & Header.TextTimestamp) != 0)
                {
                    String(e.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    Signed(e.Timestamp.UtcTicks - lastTicks);
                    lastTicks = e.Timestamp.UtcTicks;
                }
                String(e.Type);
                if ((header & Header.Scope) != 0)
                {
                    String(e.Scope);
                }

                if (compact is not null)
                {
                    compact.WriteRow(this);
                }
                else
                {
                    String(e.DetailsJson());
                }

                if (engine is not null)
                {
                    String(engine);
                }
            }
        }

        private void Ensure(int count)
        {
            if (_bytes.Length - _length < count)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
            }
        }

        private void Byte(byte value)
        {
            Ensure(1);
            _bytes[_length++] = value;
        }

        public void Unsigned(ulong value)
        {
            Ensure(10);
            var bytes = _bytes;
            var i = _length;
            while (value >= 0x80)
            {
                bytes[i++] = (byte)(value | 0x80);
                value >>= 7;
            }
            bytes[i++] = (byte)value;
            _length = i;
        }

        /// <summary>Zigzag: small magnitudes of either sign take few bytes.</summary>
        public void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63)));

        /// <summary>The number of a string this row has written, or -1 after adding it as the next one.</summary>
        private int IndexOf(string value)
        {
            if (_slots.TryGet(value, out var index))
            {
                return index;
            }

            var table = value.Length <= ShortString ? _byValue : _byIdentity;
            var seen = table.TryGetValue(value, out index);
            if (!seen)
            {
                table[value] = index = _strings++;
            }

            _slots.Set(value, index);
            return seen ? index : -1;
        }

        /// <summary>Null as 0; a string seen before in this row as its number + 2; a new string as 1, its UTF-8 length and bytes.</summary>
        public void String(string? value)
        {
            if (value is null)
            {
                Unsigned(0);
                return;
            }
            // Short strings compare by value too: a state's name and the next state's name in the definition are equal
            // strings but not always the same object.
            var shortString = value.Length <= ShortString;
            for (var r = 0; r < Recent; r++)
            {
                var recent = _recentStrings[r];
                if (ReferenceEquals(recent, value) || (shortString && recent is not null && recent.Length == value.Length && string.Equals(recent, value)))
                {
                    Unsigned((ulong)_recentIndexes[r] + 2);
                    return;
                }
            }
            var index = IndexOf(value);
            _recentStrings[_recentNext] = value;
            _recentIndexes[_recentNext] = index >= 0 ? index : _strings - 1;
            _recentNext = (_recentNext + 1) % Recent;
            if (index >= 0)
            {
                Unsigned((ulong)index + 2);
                return;
            }
            Unsigned(1);
            var length = Encoding.UTF8.GetByteCount(value);
            Unsigned((ulong)length);
            Ensure(length);
            _length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(_length));
        }
    }

    internal sealed class RowReader(ArraySegment<byte> segment)
    {
        private readonly List<string> _strings = [];
        private readonly byte[] _bytes = segment.Array!;
        private readonly int _end = segment.Offset + segment.Count;
        private int _position = segment.Offset + 1;

        public void ReadAll(List<HistoryEvent> into)
        {
            long lastId = 0, lastTicks = 0;
            while (_position < _end)
            {
                var header = (Header)_bytes[_position++];
                var id = lastId + Signed();
                lastId = id;
                var previous = (header & Header.PreviousId) != 0 ? Signed() : id - 1;
                DateTimeOffset timestamp;
                if ((header & Header.TextTimestamp) != 0)
                {
                    timestamp = DateTimeOffset.Parse(RequiredString(), System.Globalization.CultureInfo.InvariantCulture);
                }
                else
                {
                    lastTicks += Signed();
                    timestamp = new DateTimeOffset(lastTicks, TimeSpan.Zero);
                }
                var type = RequiredString();
                var scope = (header & Header.Scope) != 0 ? RequiredString() : "";
                CompactDetails? compact = (Kind)(header & Header.KindMask) switch
                {
                    Kind.State => StateTransition.ReadRow(this, (header & Header.Exited) != 0),
                    Kind.MapIteration => MapIteration.ReadRow(this),
                    Kind.Payload => PayloadDetails.ReadRow(this),
                    Kind.ExecutionStarted => ExecutionStartedDetails.ReadRow(this),
                    Kind.Details => null,
                    _ => throw new InvalidDataException($"A stored event has an unknown kind ({(byte)(header & Header.KindMask)})."),
                };
                var details = compact is null && String() is { } text ? Object(text) : null;
                var engine = (header & Header.Engine) != 0 ? Object(RequiredString()) : null;
                into.Add(compact is not null
                    ? HistoryEvent.Compact(id, previous, timestamp, type, scope, compact, engine)
                    : new HistoryEvent(id, previous, timestamp, type, details, scope, engine));
            }
        }

        private static JsonObject Object(string text) =>
            JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException("A stored event's details are not a JSON object.");

        public ulong Unsigned()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (_position >= _end || shift > 63)
                {
                    throw new InvalidDataException("A stored event row ends inside a number.");
                }

                var b = _bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }

        public long Signed()
        {
            var raw = Unsigned();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public int Int() => checked((int)Unsigned());

        public string? String()
        {
            var tag = Unsigned();
            if (tag == 0)
            {
                return null;
            }

            if (tag >= 2)
            {
                var index = tag - 2;
                if (index >= (ulong)_strings.Count)
                {
                    throw new InvalidDataException("A stored event refers to a string the row has not written.");
                }

                return _strings[(int)index];
            }
            var length = Int();
            if (length > _end - _position)
            {
                throw new InvalidDataException("A stored event row ends inside a string.");
            }

            var value = Encoding.UTF8.GetString(_bytes, _position, length);
            _position += length;
            _strings.Add(value);
            return value;
        }

        public string RequiredString() => String() ?? throw new InvalidDataException("A stored event lacks a required string.");
    }
}
