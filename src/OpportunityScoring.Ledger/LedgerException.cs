namespace OpportunityScoring.Ledger;

/// <summary>
/// The ledger cannot be used: a store that cannot be opened or reached, a connection string that cannot be read, a
/// schema written by a newer version, or a write that failed. The message says what to fix; it never carries a
/// password or any other value of the connection string.
/// </summary>
public sealed class LedgerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to fix.</param>
    public LedgerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to fix.</param>
    /// <param name="innerException">The provider's exception (kept for diagnostics; its message is not repeated).</param>
    public LedgerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
