namespace OpportunityScoring.Pipelines;

/// <summary>The formats a pipeline can be read in.</summary>
public enum PipelineFormat
{
    /// <summary>The contract's JSON document <c>{schemaVersion, asOf, opportunities}</c>, or a bare array of opportunities.</summary>
    Json = 0,

    /// <summary>JSON Lines: one opportunity object per line.</summary>
    JsonLines,

    /// <summary>The flat CSV layout, one row per opportunity (docs/csv-layout.md).</summary>
    Csv,

    /// <summary>A Salesforce Opportunity export (docs/salesforce-mapping.md).</summary>
    Salesforce,
}
