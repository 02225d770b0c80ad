namespace OpportunityScoring.Calibration.History;

/// <summary>A history file does not fit its mapping (a missing column, an unmapped value, an unknown outcome).</summary>
public sealed class HistoryFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryFormatException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the row and column.</param>
    public HistoryFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HistoryFormatException(string message, Exception innerException) : base(message, innerException) { }
}
