namespace MedZen.States.Service;

/// <summary>
/// The bounded worker pool: an execution holds a slot while it computes and gives it back while a durable
/// timer (Wait, Retry delay) is pending, so thousands of waiting executions cost no slots and no threads.
/// </summary>
internal sealed class ExecutionSlots(int size)
{
    private readonly SemaphoreSlim _slots = new(size, size);
    private static readonly AsyncLocal<Holder?> Current = new();

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        var holder = new Holder(this);
        Current.Value = holder;
        return holder;
    }

    /// <summary>Gives the slot back for the duration of a timer; the returned handle re-acquires it.</summary>
    public static async Task WhileSuspendedAsync(Func<Task> wait, CancellationToken ct)
    {
        var holder = Current.Value;
        if (holder is null)
        {
            await wait().ConfigureAwait(false);
            return;
        }
        holder.Suspend();
        try
        {
            await wait().ConfigureAwait(false);
        }
        finally
        {
            await holder.ResumeAsync(ct).ConfigureAwait(false);
        }
    }

    private sealed class Holder(ExecutionSlots pool) : IAsyncDisposable
    {
        private int _active = 1;

        public void Suspend()
        {
            if (Interlocked.Decrement(ref _active) == 0)
            {
                pool._slots.Release();
            }
        }

        public async Task ResumeAsync(CancellationToken ct)
        {
            if (Interlocked.Increment(ref _active) == 1)
            {
                await pool._slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _active, -1000) > 0)
            {
                pool._slots.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
