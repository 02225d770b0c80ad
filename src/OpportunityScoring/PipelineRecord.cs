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
public sealed record PipelineRecord(int Index, Opportunity? Opportunity, IReadOnlyList<InputError> Errors)
{
    /// <summary>
    /// Reads one opportunity of the contract's JSON (a request body, a message) with the checks a pipeline's record
    /// gets: a bad record becomes errors naming its id (or index) and field, never an exception.
    /// </summary>
    /// <param name="opportunity">The opportunity's JSON object.</param>
    /// <param name="index">Its position, for the errors.</param>
    /// <returns>The record: the opportunity, or its errors.</returns>
    public static PipelineRecord Read(System.Text.Json.JsonElement opportunity, int index = 0) => RecordReader.ReadRecord(opportunity, index);
}
