namespace OpportunityScoring;

/// <summary>The identity of a policy on every assessment, so a decision can be replayed.</summary>
/// <param name="Name">The policy's name.</param>
/// <param name="Version">The policy's version.</param>
/// <param name="Sha256">The SHA-256 of the policy's canonical JSON, lower-case hex.</param>
public sealed record PolicyStamp(string Name, string Version, string Sha256);
