namespace OpportunityScoring.Pipelines;

/// <summary>The input file itself cannot be read or parsed (not one bad record: the whole file).</summary>
public sealed class PipelineFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineFormatException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the line.</param>
    public PipelineFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message, naming the line.</param>
    /// <param name="innerException">The cause.</param>
    public PipelineFormatException(string message, Exception innerException) : base(message, innerException) { }
}
