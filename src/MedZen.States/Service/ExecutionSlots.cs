using MedZen.States.Execution;

namespace MedZen.States.Service;

/// <summary>
/// The bounded worker pool: an execution holds a slot while it computes and gives it back while a durable
/// timer (Wait, Retry delay) is pending, so thousands of waiting executions cost no slots and no threads.
/// </summary>
/// <remarks>The slot is handed to the execution's runner explicitly; nothing is kept in ambient (async-local) state.</remarks>
internal sealed class ExecutionSlots(int size)
{
    private readonly SemaphoreSlim _slots = new(size, size);

    /// <summary>Waits for a free slot; disposing the returned slot gives it back.</summary>
    public async Task<Slot> AcquireAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        return new Slot(this);
    }

    /// <summary>One execution's slot. Parallel branches and Map iterations share it: it is free only while all of them wait.</summary>
    internal sealed class Slot(ExecutionSlots pool) : IExecutionSlot, IAsyncDisposable
    {
        private int _active = 1;

        public async Task WhileSuspendedAsync(Func<Task> wait, CancellationToken ct)
        {
            Suspend();
            try
            {
                await wait().ConfigureAwait(false);
            }
            finally
            {
                await ResumeAsync(ct).ConfigureAwait(false);
            }
        }

        private void Suspend()
        {
            if (Interlocked.Decrement(ref _active) == 0)
            {
                pool._slots.Release();
            }
        }

        private async Task ResumeAsync(CancellationToken ct)
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
