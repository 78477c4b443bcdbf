using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.History;

/// <summary>
/// The details of a frequent kind of event, kept as plain fields: <see cref="ToDetails"/> builds AWS's typed details on
/// demand and <see cref="WriteRow"/> writes them into a stored row (<see cref="EventRows"/>).
/// </summary>
internal abstract record CompactDetails
{
    /// <summary>AWS's details, e.g. <c>stateEnteredEventDetails</c>.</summary>
    public abstract EventDetails ToDetails();

    /// <summary>The JSON text this event carries (a state's input or output, an execution's output), if any.</summary>
    public virtual string? PayloadText => null;

    /// <summary>Writes this kind's fields into a stored row; the kind's <c>ReadRow</c> reads them back.</summary>
    public abstract void WriteRow(EventRows.RowWriter row);

    /// <summary>True when the details imply engine bookkeeping (<see cref="DerivedEngine"/>) that the stored form already holds.</summary>
    public virtual bool DerivesEngine => false;

    /// <summary>Engine bookkeeping implied by these details (an exited state's next state), or null.</summary>
    public virtual EngineNote? DerivedEngine() => null;

    /// <summary>Reads the JSON form earlier versions stored (<c>"State"</c>, <c>"Iteration"</c> or <c>"Payload"</c>).</summary>
    public static bool TryReadStored(JsonElement e, string? previousPayload, out CompactDetails compact)
    {
        if (e.TryGetProperty(StateTransition.StoredName, out var state))
        {
            compact = StateTransition.ReadStored(state, previousPayload);
        }
        else if (e.TryGetProperty(MapIteration.StoredName, out var iteration))
        {
            compact = MapIteration.ReadStored(iteration);
        }
        else if (e.TryGetProperty(PayloadDetails.StoredName, out var payload))
        {
            compact = PayloadDetails.ReadStored(payload, previousPayload);
        }
        else
        {
            compact = null!;
            return false;
        }
        return true;
    }

    protected static string ReadPayload(JsonElement e, string name, string? previousPayload) =>
        e.TryGetProperty(SamePayload, out var same) && same.GetBoolean()
            ? previousPayload ?? throw new InvalidDataException("A stored event refers to the previous event's payload, but there is none.")
            : e.GetProperty(name).GetRawText();

    private const string SamePayload = "SamePayload";

}

/// <summary>A state's Entered (payload = input) or Exited (payload = output, with the next state and assigned variables) event.</summary>
/// <param name="Payload">The state's input or output, serialized.</param>
/// <param name="Assigned">Exited only: each assigned variable's serialized value.</param>
internal sealed record StateTransition(bool Exited, string Name, string Payload, IReadOnlyList<KeyValuePair<string, string>>? Assigned = null, string? Next = null)
    : CompactDetails
{
    public override string? PayloadText => Payload;

    public const string StoredName = "State";

    public override EventDetails ToDetails()
    {
        if (!Exited)
        {
            return new StateEnteredEventDetails { Name = Name, Input = Payload };
        }

        Dictionary<string, string>? assigned = null;
        if (Assigned is { Count: > 0 })
        {
            assigned = new(Assigned.Count, StringComparer.Ordinal);
            foreach (var (k, v) in Assigned)
            {
                assigned[k] = v;
            }
        }
        return new StateExitedEventDetails
        {
            Name = Name,
            Output = Payload,
            AssignedVariables = assigned,
            AssignedVariablesDetails = assigned is null ? null : ExecutionDataDetails.NotTruncated,
        };
    }

    public override bool DerivesEngine => Exited;

    public override EngineNote? DerivedEngine() => Exited ? new NextStateNote(Next) : null;

    public override void WriteRow(EventRows.RowWriter row)
    {
        row.String(Name);
        row.String(Payload);
        if (Exited)
        {
            row.String(Next);
        }

        row.Unsigned((ulong)(Assigned?.Count ?? 0));
        if (Assigned is null)
        {
            return;
        }

        foreach (var (k, v) in Assigned)
        {
            row.String(k);
            row.String(v);
        }
    }

    public static StateTransition ReadRow(EventRows.RowReader row, bool exited)
    {
        var name = row.RequiredString();
        var payload = row.RequiredString();
        var next = exited ? row.String() : null;
        var count = row.Int();
        List<KeyValuePair<string, string>>? assigned = count == 0 ? null : new(count);
        for (var i = 0; i < count; i++)
        {
            assigned!.Add(new(row.RequiredString(), row.RequiredString()));
        }

        return new StateTransition(exited, name, payload, assigned, next);
    }

    public static StateTransition ReadStored(JsonElement state, string? previousPayload)
    {
        List<KeyValuePair<string, string>>? assigned = null;
        if (state.TryGetProperty("Assigned", out var a))
        {
            assigned = [];
            foreach (var p in a.EnumerateObject())
            {
                assigned.Add(new(p.Name, p.Value.GetRawText()));
            }
        }
        return new StateTransition(
            state.GetProperty("Exited").GetBoolean(),
            state.GetProperty("Name").GetString()!,
            ReadPayload(state, "Payload", previousPayload),
            assigned,
            state.TryGetProperty("Next", out var next) ? next.GetString() : null);
    }
}

/// <summary>A Map iteration's Started/Succeeded/Failed/Aborted event: <c>{"name", "index"}</c>.</summary>
internal sealed record MapIteration(string DetailsName, string Name, int Index) : CompactDetails
{
    public const string StoredName = "Iteration";

    public override EventDetails ToDetails() => new MapIterationEventDetails(Name, Index) { MemberName = DetailsName };

    public override void WriteRow(EventRows.RowWriter row)
    {
        row.String(DetailsName);
        row.String(Name);
        row.Unsigned((ulong)Index);
    }

    public static MapIteration ReadRow(EventRows.RowReader row) => new(row.RequiredString(), row.RequiredString(), row.Int());

    public static MapIteration ReadStored(JsonElement e) =>
        new(e.GetProperty("Details").GetString()!, e.GetProperty("Name").GetString()!, e.GetProperty("Index").GetInt32());
}

/// <summary>An event whose details are one JSON payload, e.g. <c>{"executionSucceededEventDetails": {"output", "outputDetails"}}</c>.</summary>
/// <param name="Field">The payload's field: <c>output</c> or <c>input</c>.</param>
/// <param name="Payload">The payload, serialized.</param>
internal sealed record PayloadDetails(string DetailsName, string Field, string Payload) : CompactDetails
{
    public override string? PayloadText => Payload;

    public const string StoredName = "Payload";

    /// <remarks>The engine writes one kind, an execution's output; an unknown kind in a stored row is damage.</remarks>
    public override EventDetails ToDetails() => (DetailsName, Field) switch
    {
        ("executionSucceededEventDetails", "output") => new ExecutionSucceededEventDetails { Output = Payload },
        _ => throw new InvalidDataException($"A stored event has payload details of an unknown kind ({DetailsName}.{Field})."),
    };

    public override void WriteRow(EventRows.RowWriter row)
    {
        row.String(DetailsName);
        row.String(Field);
        row.String(Payload);
    }

    public static PayloadDetails ReadRow(EventRows.RowReader row) => new(row.RequiredString(), row.RequiredString(), row.RequiredString());

    public static PayloadDetails ReadStored(JsonElement e, string? previousPayload) =>
        new(e.GetProperty("Details").GetString()!, e.GetProperty("Field").GetString()!, ReadPayload(e, "Value", previousPayload));
}

/// <summary>An execution's first event: <c>{"executionStartedEventDetails": {"input", "inputDetails", "roleArn"}}</c>.</summary>
internal sealed record ExecutionStartedDetails(string Input, string? RoleArn) : CompactDetails
{
    public override string? PayloadText => Input;

    public override EventDetails ToDetails() => new ExecutionStartedEventDetails { Input = Input, RoleArn = RoleArn };

    public override void WriteRow(EventRows.RowWriter row)
    {
        row.String(Input);
        row.String(RoleArn);
    }

    public static ExecutionStartedDetails ReadRow(EventRows.RowReader row) => new(row.RequiredString(), row.String());
}
