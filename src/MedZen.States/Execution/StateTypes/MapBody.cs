using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Execution.StateTypes;

/// <summary>Map: runs its item processor on every item (inline), within MaxConcurrency and the tolerated failures.</summary>
internal sealed class MapBody : StateBody
{
    public override async ValueTask<StateOutcome> RunAsync(StateRun run, CancellationToken ct)
    {
        var state = (MapState)run.State;
        var scope = run.Scope();
        var jsonata = state.QueryLanguage == QueryLanguage.Jsonata;
        var effective = jsonata ? run.RawInput : scope.ReadPath(state.InputPath, run.RawInput);
        if (!jsonata)
        {
            run.Frame.Inspection?.AfterInputPath = StateInspection.Text(effective);
        }
        var items = ResolveItems(state, scope, effective);

        var maxConcurrency = StateOutput.IntField(scope, state.MaxConcurrency, state.MaxConcurrencyPath, effective, "MaxConcurrency") ?? 0;
        var toleratedCount = StateOutput.IntField(scope, state.ToleratedFailureCount, state.ToleratedFailureCountPath, effective, "ToleratedFailureCount");
        var toleratedPercentage = DoubleField(scope, state.ToleratedFailurePercentage, state.ToleratedFailurePercentagePath, effective, "ToleratedFailurePercentage");
        // A literal out of range never parses; a value read at run time fails the state as AWS does.
        if (toleratedCount < 0)
        {
            throw new StateEvaluationException(StatesErrorNames.Runtime, "ToleratedFailureCount cannot be negative.");
        }

        if (toleratedPercentage is < 0 or > 100)
        {
            throw new StateEvaluationException(StatesErrorNames.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
        }

        if (state.ItemBatcher is not null)
        {
            items = Batch(state.ItemBatcher, items, scope, effective);
        }

        await run.Log.AppendAsync(HistoryEventTypes.MapStateStarted, new MapStateStartedEventDetails(items.Count), run.Frame.Scope, durable: false).ConfigureAwait(false);

        var limit = maxConcurrency <= 0 ? run.Services.Options.DefaultMapConcurrency : Math.Min(maxConcurrency, run.Services.Options.DefaultMapConcurrency);
        using var mapCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var results = new JsonNode?[items.Count];
        var failures = 0;
        StatesException? firstFailure = null;
        var tolerates = toleratedCount is > 0 || toleratedPercentage is > 0;

        // Up to `limit` workers take the next index when they finish one: an iteration that never waits runs inline,
        // and no iteration is queued behind a semaphore it would have to be woken from.
        var nextIndex = -1;
        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref nextIndex)) < items.Count)
            {
                mapCts.Token.ThrowIfCancellationRequested();
                await RunItemAsync(index).ConfigureAwait(false);
            }
        }

        async Task RunItemAsync(int index)
        {
            var itemInput = SelectItem(state, run, scope, effective, items[index], index);
            var frame = new Frame(run.ItemScope(index), new VariableScope(run.Frame.Variables));
            run.Log.AppendCompact(HistoryEventTypes.MapIterationStarted, run.Frame.Scope, new MapIteration("mapIterationStartedEventDetails", state.Name, index));
            try
            {
                results[index] = await run.Runner.RunGraphAsync(state.Processor, state.Processor.StartAt, itemInput, frame, null, mapCts.Token).ConfigureAwait(false);
                run.Log.AppendCompact(HistoryEventTypes.MapIterationSucceeded, run.Frame.Scope, new MapIteration("mapIterationSucceededEventDetails", state.Name, index));
            }
            catch (StatesException e)
            {
                run.Log.AppendCompact(HistoryEventTypes.MapIterationFailed, run.Frame.Scope, new MapIteration("mapIterationFailedEventDetails", state.Name, index));
                results[index] = new JsonObject { ["Error"] = e.ErrorName, ["Cause"] = e.Cause };
                var failed = Interlocked.Increment(ref failures);
                Interlocked.CompareExchange(ref firstFailure, e, null);
                if (!tolerates || Exceeds(failed, items.Count, toleratedCount, toleratedPercentage))
                {
                    await mapCts.CancelAsync().ConfigureAwait(false);
                }
            }
        }

        var tasks = new Task[Math.Min(limit, items.Count)];
        for (var w = 0; w < tasks.Length; w++)
        {
            tasks[w] = WorkerAsync();
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A failed iteration stopped the others; handled below.
        }
        if (firstFailure is not null && (!tolerates || Exceeds(failures, items.Count, toleratedCount, toleratedPercentage)))
        {
            await run.Log.AppendAsync(HistoryEventTypes.MapStateFailed, null, run.Frame.Scope, durable: false).ConfigureAwait(false);
            if (tolerates)
            {
                throw new StatesException(StatesErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
            }

            throw firstFailure;
        }
        ct.ThrowIfCancellationRequested();
        await run.Log.AppendAsync(HistoryEventTypes.MapStateSucceeded, null, run.Frame.Scope, durable: false).ConfigureAwait(false);
        return StateOutput.Finish(run, new JsonArray(results));
    }

    private static bool Exceeds(int failed, int total, int? count, double? percentage)
    {
        if (count is { } c && failed > c)
        {
            return percentage is null || failed * 100.0 / Math.Max(total, 1) > percentage;
        }

        if (percentage is { } p && failed * 100.0 / Math.Max(total, 1) > p)
        {
            return count is null || failed > count;
        }

        return count is null && percentage is null;
    }

    private static List<JsonNode?> ResolveItems(MapState state, StateScope scope, JsonNode? effective)
    {
        JsonNode? items;
        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            if (state.Items is null)
            {
                items = effective;
                if (items is not JsonArray)
                {
                    throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError, $"Map state input must be an array but was: {Json.Serialize(items)}");
                }
            }
            else if (StateScope.IsJsonataExpression(state.Items, out var expr))
            {
                items = scope.EvaluateJsonata(expr, "Items");
                if (items is not JsonArray)
                {
                    throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError,
                        $"The JSONata expression '{expr}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{Json.TypeName(items)}' for value: {Json.Serialize(items)}");
                }
            }
            else
            {
                items = scope.EvaluateJsonataTemplate(state.Items, "Items");
            }
        }
        else
        {
            var path = state.ItemsPath ?? "$";
            items = path == "$" ? effective : scope.ResolveRequired(path, effective, "ItemsPath");
        }
        if (items is not JsonArray array)
        {
            throw new StateEvaluationException(StatesErrorNames.Runtime,
                $"Map state input must be an array but was: {Json.Serialize(items)}");
        }
        return array.Select(i => i?.DeepClone()).ToList();
    }

    private static JsonNode? SelectItem(MapState state, StateRun run, StateScope scope, JsonNode? effective, JsonNode? item, int index)
    {
        if (state.ItemSelector is null)
        {
            return item; // already this iteration's own copy (ResolveItems/Batch)
        }

        var context = run.Context.DeepClone().AsObject();
        context["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = item?.DeepClone() } };
        var itemScope = new StateScope(run.Services, run.RawInput, context, run.Frame.Variables, state.QueryLanguage);
        return state.QueryLanguage == QueryLanguage.Jsonata
            ? itemScope.EvaluateJsonataTemplate(state.ItemSelector, "ItemSelector")
            : itemScope.ApplyTemplate(state.ItemSelector, effective);
    }

    private static double? DoubleField(StateScope scope, JsonNode? literal, string? path, JsonNode? data, string field)
    {
        if (path is not null)
        {
            var value = scope.ResolveRequired(path, data, field + "Path");
            if (Json.IsNumber(value, out var d))
            {
                return d;
            }

            if (Json.IsString(value, out var s) && double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ds))
            {
                return ds;
            }

            throw new StateEvaluationException(StatesErrorNames.Runtime,
                $"The {field}Path field refers to value {Json.Quoted(value)} which is not a valid float: {path}");
        }
        if (literal is null)
        {
            return null;
        }

        if (StateScope.IsJsonataExpression(literal, out var expr))
        {
            var value = scope.EvaluateJsonata(expr, field);
            if (Json.IsNumber(value, out var d))
            {
                return d;
            }

            throw new StateEvaluationException(StatesErrorNames.QueryEvaluationError,
                $"The JSONata expression '{expr}' specified for the field '{field}' returned an unexpected result type. Expected 'number', but was '{Json.TypeName(value)}' for value: {Json.Serialize(value)}");
        }
        return Json.IsNumber(literal, out var n) ? n : null;
    }

    /// <summary>ItemBatcher: groups items into <c>{"Items": [...], "BatchInput": ...}</c> objects.</summary>
    private static List<JsonNode?> Batch(JsonObject batcher, List<JsonNode?> items, StateScope scope, JsonNode? effective)
    {
        var maxItems = batcher["MaxItemsPerBatch"] is { } m && Json.IsNumber(m, out var mi) ? (int)mi
            : batcher["MaxItemsPerBatchPath"] is { } mp && Json.IsString(mp, out var mps) && Json.IsNumber(scope.ResolveRequired(mps, effective, "MaxItemsPerBatchPath"), out var mpv) ? (int)mpv
            : int.MaxValue;
        var maxBytes = batcher["MaxInputBytesPerBatch"] is { } b && Json.IsNumber(b, out var bi) ? (int)bi : 256 * 1024;
        var batchInput = batcher["BatchInput"] is { } bin
            ? (scope.Language == QueryLanguage.Jsonata ? scope.EvaluateJsonataTemplate(bin, "ItemBatcher/BatchInput") : scope.ApplyTemplate(bin, effective))
            : null;
        var batches = new List<JsonNode?>();
        var current = new JsonArray();
        var bytes = 0;
        foreach (var item in items)
        {
            var size = Json.Serialize(item).Length;
            if (current.Count > 0 && (current.Count >= maxItems || bytes + size > maxBytes))
            {
                batches.Add(MakeBatch(current, batchInput));
                current = [];
                bytes = 0;
            }
            current.Add(item?.DeepClone());
            bytes += size;
        }
        if (current.Count > 0)
        {
            batches.Add(MakeBatch(current, batchInput));
        }

        return batches;

        static JsonObject MakeBatch(JsonArray batch, JsonNode? input)
        {
            var o = new JsonObject { ["Items"] = batch };
            if (input is not null)
            {
                o["BatchInput"] = input.DeepClone();
            }

            return o;
        }
    }
}
