namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// One generated method of a fused rule set: runs its rules from rule <paramref name="start"/> (one of its own) to its
/// last and answers the index after that, or, when an action inserted a fact that a rule before its first reads, the
/// index of that rule (where the run must resume).
/// </summary>
internal delegate int FusedChunk(FusedRun run, int start);

/// <summary>
/// A fused rule set's variant (with or without explanations) as a few generated methods, one per run of consecutive
/// rules in firing order: <see cref="Run"/> calls them in turn, and when one answers a rule before its own (an action
/// inserted a fact that rule reads) resumes at that rule's method — the order one method of every rule would follow.
/// </summary>
internal sealed class FusedMethod
{
    private readonly FusedChunk[] _chunks;
    private readonly int[] _firsts; // per chunk, its first rule
    private readonly int[] _ends; // per chunk, the index after its last rule
    private readonly int[] _chunkOf; // per rule, its chunk

    /// <summary>Creates the variant from its methods and where each begins.</summary>
    /// <param name="chunks">The generated methods, in firing order.</param>
    /// <param name="firsts">Per method, the index of its first rule (ascending; the first is 0).</param>
    /// <param name="ruleCount">The number of rules.</param>
    public FusedMethod(FusedChunk[] chunks, int[] firsts, int ruleCount)
    {
        _chunks = chunks;
        _firsts = firsts;
        _ends = [.. firsts.Skip(1), ruleCount];
        _chunkOf = new int[ruleCount];
        for (var c = 0; c < chunks.Length; c++)
        {
            _chunkOf.AsSpan(firsts[c], _ends[c] - firsts[c]).Fill(c);
        }
    }

    /// <summary>The number of generated methods.</summary>
    public int Count => _chunks.Length;

    /// <summary>Runs the rules over the run's facts until nothing more fires.</summary>
    public void Run(FusedRun run)
    {
        var chunks = _chunks;
        var c = 0;
        var pc = 0;
        while (c < chunks.Length)
        {
            var next = chunks[c](run, pc);
            if (next >= _ends[c])
            {
                if (++c < chunks.Length)
                {
                    pc = _firsts[c];
                }
            }
            else
            {
                c = _chunkOf[next]; // a rewind to a rule before this method's first
                pc = next;
            }
        }
    }
}
