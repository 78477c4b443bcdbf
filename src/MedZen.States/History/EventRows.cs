using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;

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
    private static RowWriter? t_writer;

    /// <summary>Events (in id order) as one stored row.</summary>
    public static byte[] Write(IReadOnlyList<HistoryEvent> events)
    {
        var writer = t_writer ??= new RowWriter();
        return writer.Write(events);
    }

    /// <summary>Reads one stored row, binary or any earlier JSON form, into <paramref name="into"/>.</summary>
    public static void Read(byte[] row, List<HistoryEvent> into)
    {
        if (row.Length > 0 && row[0] == BinaryFormat) new RowReader(row).ReadAll(into);
        else HistoryEvent.ReadStoredJson(row, into);
    }

    /// <summary>What follows an event's header byte; the low three bits of the header.</summary>
    internal enum Kind : byte
    {
        Details = 0,
        State = 1,
        MapIteration = 2,
        Payload = 3,
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

        private readonly ArrayBufferWriter<byte> _buffer = new(4096);
        // Short strings (names, types) are found by value; long ones (payloads) by identity, which costs no hashing of
        // their text and still finds an Entered event's input, the previous Exited event's output.
        private readonly Dictionary<string, int> _byValue = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byIdentity = new(ReferenceEqualityComparer.Instance);
        private int _strings;

        public byte[] Write(IReadOnlyList<HistoryEvent> events)
        {
            _buffer.ResetWrittenCount();
            _byValue.Clear();
            _byIdentity.Clear();
            _strings = 0;
            Byte(BinaryFormat);
            long lastId = 0, lastTicks = 0;
            foreach (var e in events)
            {
                var compact = e.CompactForm;
                // Compact details may derive their engine bookkeeping (an Exited event's next state); only an own one is written.
                var engine = compact is null || e.HasOwnEngine ? e.Engine : null;
                var kind = compact switch
                {
                    StateTransition => Kind.State,
                    MapIteration => Kind.MapIteration,
                    PayloadDetails => Kind.Payload,
                    _ => Kind.Details,
                };
                var header = (Header)kind;
                if (e.PreviousEventId != e.Id - 1) header |= Header.PreviousId;
                if (e.Scope.Length > 0) header |= Header.Scope;
                if (e.Timestamp.Offset != TimeSpan.Zero) header |= Header.TextTimestamp;
                if (engine is not null) header |= Header.Engine;
                if (compact is StateTransition { Exited: true }) header |= Header.Exited;
                Byte((byte)header);
                Signed(e.Id - lastId);
                lastId = e.Id;
                if ((header & Header.PreviousId) != 0) Signed(e.PreviousEventId);
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
                if ((header & Header.Scope) != 0) String(e.Scope);
                if (compact is not null) compact.WriteRow(this);
                else String(e.Details is { } details ? Execution.Json.Serialize(details) : null);
                if (engine is not null) String(Execution.Json.Serialize(engine));
            }
            return _buffer.WrittenSpan.ToArray();
        }

        private void Byte(byte value)
        {
            _buffer.GetSpan(1)[0] = value;
            _buffer.Advance(1);
        }

        public void Unsigned(ulong value)
        {
            var span = _buffer.GetSpan(10);
            var i = 0;
            while (value >= 0x80)
            {
                span[i++] = (byte)(value | 0x80);
                value >>= 7;
            }
            span[i++] = (byte)value;
            _buffer.Advance(i);
        }

        /// <summary>Zigzag: small magnitudes of either sign take few bytes.</summary>
        public void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63)));

        /// <summary>Null as 0; a string seen before in this row as its number + 2; a new string as 1, its UTF-8 length and bytes.</summary>
        public void String(string? value)
        {
            if (value is null)
            {
                Unsigned(0);
                return;
            }
            var table = value.Length <= ShortString ? _byValue : _byIdentity;
            if (table.TryGetValue(value, out var index))
            {
                Unsigned((ulong)index + 2);
                return;
            }
            table[value] = _strings++;
            Unsigned(1);
            var length = Encoding.UTF8.GetByteCount(value);
            Unsigned((ulong)length);
            Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
            _buffer.Advance(length);
        }
    }

    internal sealed class RowReader(byte[] row)
    {
        private readonly List<string> _strings = [];
        private int _position = 1;

        public void ReadAll(List<HistoryEvent> into)
        {
            long lastId = 0, lastTicks = 0;
            while (_position < row.Length)
            {
                var header = (Header)row[_position++];
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
                if (_position >= row.Length || shift > 63) throw new InvalidDataException("A stored event row ends inside a number.");
                var b = row[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
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
            if (tag == 0) return null;
            if (tag >= 2)
            {
                var index = tag - 2;
                if (index >= (ulong)_strings.Count) throw new InvalidDataException("A stored event refers to a string the row has not written.");
                return _strings[(int)index];
            }
            var length = Int();
            if (length > row.Length - _position) throw new InvalidDataException("A stored event row ends inside a string.");
            var value = Encoding.UTF8.GetString(row, _position, length);
            _position += length;
            _strings.Add(value);
            return value;
        }

        public string RequiredString() => String() ?? throw new InvalidDataException("A stored event lacks a required string.");
    }
}
