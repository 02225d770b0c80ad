namespace OpportunityScoring;

/// <summary>A record that cannot be assessed: which one, which field, and what is wrong.</summary>
/// <param name="Id">The record's id, when it has one.</param>
/// <param name="Index">The record's position in the input, counted from 0.</param>
/// <param name="Field">The field at fault (a contract path such as <c>budget.amount</c>).</param>
/// <param name="Message">What is wrong, in words a sales-operations analyst can act on.</param>
public sealed record InputError(string? Id, int Index, string Field, string Message);

/// <summary>One record of a pipeline file: the opportunity when it is valid, else its errors.</summary>
/// <param name="Index">The position in the input, from 0.</param>
/// <param name="Opportunity">The valid opportunity, or <see langword="null"/>.</param>
/// <param name="Errors">Why the record cannot be assessed (empty when valid).</param>
public sealed record PipelineRecord(int Index, Opportunity? Opportunity, IReadOnlyList<InputError> Errors);

/// <summary>A pipeline as read from a file: the assessment day and every record, valid or not.</summary>
/// <param name="AsOf">The day to assess on, when the file says.</param>
/// <param name="Records">The records in input order.</param>
public sealed record PipelineInput(DateOnly? AsOf, IReadOnlyList<PipelineRecord> Records)
{
    /// <summary>Wraps valid opportunities built in code.</summary>
    /// <param name="opportunities">The opportunities.</param>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>The input.</returns>
    public static PipelineInput From(IEnumerable<Opportunity> opportunities, DateOnly? asOf = null) =>
        new(asOf, opportunities.Select((o, i) => new PipelineRecord(i, o, [])).ToList());
}

/// <summary>A whole pipeline's result: the policy once, the assessments in input order, and the errors.</summary>
/// <param name="Policy">The policy every assessment was made under.</param>
/// <param name="AsOf">The day of the assessment.</param>
/// <param name="Assessments">The assessments, in input order.</param>
/// <param name="Errors">The records that could not be assessed.</param>
public sealed record PipelineResult(PolicyStamp Policy, DateOnly AsOf, IReadOnlyList<Assessment> Assessments, IReadOnlyList<InputError> Errors);

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
