namespace OpportunityScoring.Calibration.History;

/// <summary>A mapping document is not valid.</summary>
public sealed class HistoryMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryMappingException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public HistoryMappingException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public HistoryMappingException(string message, Exception innerException) : base(message, innerException) { }
}
