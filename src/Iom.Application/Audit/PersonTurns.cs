namespace Iom.Application.Audit;

/// <summary>
/// In-process turn-taking per person for appends to their audit chain. Appends to one chain are serial by nature (each
/// chains onto the head before it); without turns, concurrent writers in one instance race, all but one lose, re-read
/// and race again, and under load some exhaust their attempts (503 busy) although nothing else was wrong. With turns
/// they queue instead. Writers in other instances still race, and the optimistic retry in <see cref="AuditTrail"/>
/// remains what keeps the chain whole.
/// </summary>
public sealed class PersonTurns
{
    private readonly Dictionary<string, Gate> gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this person's turn; disposing the result ends it.</summary>
    public async Task<IDisposable> TakeAsync(string personId, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (gates)
        {
            if (!gates.TryGetValue(personId, out gate!))
            {
                gate = new Gate();
                gates[personId] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(personId, gate);
            throw;
        }

        return new Turn(this, personId, gate);
    }

    /// <summary>How many people have a writer holding or awaiting a turn (so none is kept once everyone has left).</summary>
    public int Busy
    {
        get
        {
            lock (gates)
            {
                return gates.Count;
            }
        }
    }

    private void Leave(string personId, Gate gate)
    {
        lock (gates)
        {
            if (--gate.Users == 0)
            {
                gates.Remove(personId);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Turn(PersonTurns owner, string personId, Gate gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(personId, gate);
            }
        }
    }
}
