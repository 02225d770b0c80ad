namespace OpportunityScoring;

/// <summary>
/// What a CRM export said about an opportunity beyond the contract's evidence, kept for traceability and
/// comparison (the CRM's own probability, forecast category, lead source, type). The rules do not score it.
/// </summary>
public sealed class CrmReference
{
    /// <summary>The CRM the record came from, e.g. <c>salesforce</c>.</summary>
    public string? System { get; init; }

    /// <summary>The CRM's own win probability as a fraction (0–1): a rep's or stage default forecast, not evidence.</summary>
    public decimal? Probability { get; init; }

    /// <summary>The CRM's forecast category (Salesforce <c>ForecastCategory</c>: Pipeline, BestCase, Forecast, Closed, Omitted).</summary>
    public string? ForecastCategory { get; init; }

    /// <summary>Where the lead came from (Salesforce <c>LeadSource</c>).</summary>
    public string? LeadSource { get; init; }

    /// <summary>The CRM's opportunity type (Salesforce <c>Type</c>, e.g. New Business, Existing Business).</summary>
    public string? OpportunityType { get; init; }
}
