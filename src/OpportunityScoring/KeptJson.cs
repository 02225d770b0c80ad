namespace OpportunityScoring;

/// <summary>
/// A list element's finished contract JSON in one language (<c>{"rule":…,"message":…}</c>, compact, the contract's
/// encoding), as <see cref="JsonFragmentCache"/> wrote it once: the bytes a writer copies whole. Immutable, so any
/// thread may copy them.
/// </summary>
internal class KeptJson(Texts texts, byte[] bytes)
{
    /// <summary>The language of the element's message.</summary>
    public Texts Texts { get; } = texts;

    /// <summary>The element's JSON object.</summary>
    public byte[] Bytes { get; } = bytes;
}

/// <summary>
/// Where a contract list element (<see cref="Reason"/>, <see cref="RedFlag"/>, <see cref="MissingEvidence"/>,
/// <see cref="KnockOut"/>, <see cref="GateItem"/>) keeps the <see cref="KeptJson"/> it was last written as, so that an
/// element the engine shares between assessments is copied on a reference check, without building a key or looking
/// anything up (docs/benchmarks.md, issue 26 part 1, ninth round). Not part of the element's value: any two slots are
/// equal, so a record's equality and hash ignore it; the records' copy constructors do not copy it (an element made
/// with <c>with</c> may differ from the one whose bytes these were). Written by any thread: a whole reference to an
/// immutable object.
/// </summary>
/// <param name="kept">The bytes kept.</param>
internal readonly struct KeptJsonSlot(KeptJson? kept) : IEquatable<KeptJsonSlot>
{
    /// <summary>The bytes kept, or <see langword="null"/>.</summary>
    public KeptJson? Kept { get; } = kept;

    /// <summary>Slots are not part of a value: always equal.</summary>
    public static bool operator ==(KeptJsonSlot left, KeptJsonSlot right) => true;

    /// <summary>Slots are not part of a value: never different.</summary>
    public static bool operator !=(KeptJsonSlot left, KeptJsonSlot right) => false;

    /// <inheritdoc />
    public bool Equals(KeptJsonSlot other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KeptJsonSlot;

    /// <inheritdoc />
    public override int GetHashCode() => 0;
}
