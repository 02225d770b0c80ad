using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpportunityScoring.Pipelines;

/// <summary>How a CSV cell maps onto the contract's JSON (docs/csv-layout.md).</summary>
internal enum CsvKind
{
    /// <summary>A string, a date (yyyy-MM-dd) or an enumeration word.</summary>
    Text,
    /// <summary>A number, invariant culture.</summary>
    Number,
    /// <summary>true / false (also 1 / 0, yes / no).</summary>
    Boolean,
    /// <summary>A list of strings separated by semicolons.</summary>
    List,
    /// <summary>A JSON value in the cell (the stakeholder map).</summary>
    Json,
}

/// <summary>
/// The flat CSV layout of an opportunity: one column per contract field, named by its dotted path
/// (<c>budget.amount</c>). Every cell may be empty, which means unknown (absent).
/// </summary>
internal static class CsvLayout
{
    public static readonly IReadOnlyList<(string Path, CsvKind Kind)> Columns =
    [
        ("id", CsvKind.Text),
        ("name", CsvKind.Text),
        ("account.id", CsvKind.Text),
        ("account.name", CsvKind.Text),
        ("account.keyAccount", CsvKind.Boolean),
        ("account.relationship", CsvKind.Text),
        ("stage", CsvKind.Text),
        ("stageEnteredOn", CsvKind.Text),
        ("currency", CsvKind.Text),
        ("expectedContractAmount", CsvKind.Number),
        ("estimatedCost", CsvKind.Number),
        ("costRange.low", CsvKind.Number),
        ("costRange.high", CsvKind.Number),
        ("salesExpenseBudget", CsvKind.Number),
        ("bidCost", CsvKind.Number),
        ("expectedSignDate", CsvKind.Text),
        ("initiationReport.projectName", CsvKind.Text),
        ("initiationReport.projectNumber", CsvKind.Text),
        ("initiationReport.customerOwner", CsvKind.Text),
        ("initiationReport.expectedContractAmount", CsvKind.Number),
        ("initiationReport.grossMarginEstimate", CsvKind.Number),
        ("initiationReport.salesExpenseBudget", CsvKind.Number),
        ("initiationReport.classification", CsvKind.Text),
        ("initiationReport.expectedSignDate", CsvKind.Text),
        ("need.level", CsvKind.Text),
        ("need.requirementsDocumented", CsvKind.Text),
        ("need.evaluationCriteriaKnown", CsvKind.Text),
        ("budget.status", CsvKind.Text),
        ("budget.amount", CsvKind.Number),
        ("timeline.purchaseTimeframe", CsvKind.Text),
        ("timeline.decisionDate", CsvKind.Text),
        ("timeline.tenderDate", CsvKind.Text),
        ("competition.competitors", CsvKind.List),
        ("competition.incumbent", CsvKind.Text),
        ("competition.position", CsvKind.Text),
        ("competition.buyingCriteriaFavor", CsvKind.Text),
        ("decisionChain.purchaseProcess", CsvKind.Text),
        ("decisionChain.procurementEngaged", CsvKind.Text),
        ("decisionChain.stakeholders", CsvKind.Json),
        ("strategicFit.strategy", CsvKind.Text),
        ("strategicFit.marketPositioning", CsvKind.Text),
        ("strategicFit.productDirection", CsvKind.Text),
        ("strategicFit.futureInfluence", CsvKind.Text),
        ("milestones.followUpTableFilled", CsvKind.Text),
        ("milestones.shortlisted", CsvKind.Text),
        ("milestones.solutionDemoDone", CsvKind.Text),
        ("milestones.proposalSubmitted", CsvKind.Text),
        ("milestones.objectionsResolved", CsvKind.Text),
        ("milestones.tenderDocumentsReceived", CsvKind.Text),
        ("milestones.bidTeamAssigned", CsvKind.Text),
        ("milestones.bidPriceApproved", CsvKind.Text),
        ("milestones.bidOutcome", CsvKind.Text),
        ("milestones.handOverDone", CsvKind.Text),
        ("milestones.projectManagerAppointed", CsvKind.Text),
        ("milestones.implementationPlanApproved", CsvKind.Text),
        ("milestones.paymentsOnSchedule", CsvKind.Text),
        ("milestones.acceptanceSigned", CsvKind.Text),
        ("crm.system", CsvKind.Text),
        ("crm.probability", CsvKind.Number),
        ("crm.forecastCategory", CsvKind.Text),
        ("crm.leadSource", CsvKind.Text),
        ("crm.opportunityType", CsvKind.Text),
        ("timeline.buyingStep", CsvKind.Text),
        ("changeOrders", CsvKind.Json),
        ("milestones.companyVisitDone", CsvKind.Text),
        ("milestones.referenceVisitDone", CsvKind.Text),
        ("milestones.initiationReportReviewed", CsvKind.Text),
        ("milestones.valueAddedServiceOffered", CsvKind.Text),
        ("milestones.bidStrategyMeetingHeld", CsvKind.Text),
        ("milestones.bidDocumentReview.solutionSound", CsvKind.Text),
        ("milestones.bidDocumentReview.technicallyFeasible", CsvKind.Text),
        ("milestones.bidDocumentReview.meetsRequirements", CsvKind.Text),
        ("milestones.bidDocumentReview.priceBreakdownChecked", CsvKind.Text),
        ("milestones.bidDocumentReview.qualificationsCompliant", CsvKind.Text),
        ("milestones.bidDocumentReview.commercialDocumentsComplete", CsvKind.Text),
        ("milestones.bidDocumentReview.onSchedule", CsvKind.Text),
        ("milestones.requirementsCommunicated", CsvKind.Text),
        ("milestones.competitiveStrategySet", CsvKind.Text),
        ("milestones.presentersAssigned", CsvKind.Text),
        ("milestones.statementOfWorkReviewed", CsvKind.Text),
        ("milestones.negotiation", CsvKind.Text),
        ("milestones.contractSigned", CsvKind.Text),
        ("milestones.stageSummaryFiled", CsvKind.Text),
        ("milestones.projectTeamFormed", CsvKind.Text),
        ("milestones.customerProjectTeamFormed", CsvKind.Text),
        ("milestones.implementationPlan.workScope", CsvKind.Text),
        ("milestones.implementationPlan.risksAndRemedies", CsvKind.Text),
        ("milestones.implementationPlan.projectManagement", CsvKind.Text),
        ("milestones.implementationPlan.followOnOrders", CsvKind.Text),
        ("milestones.implementationPlan.relationshipUpkeep", CsvKind.Text),
        ("milestones.deliveryCompleted", CsvKind.Text),
        ("milestones.stageReviewsHeld", CsvKind.Text),
        ("milestones.projectClosedOut", CsvKind.Text),
    ];

    private static readonly Dictionary<string, CsvKind> ByPath = Columns.ToDictionary(c => c.Path, c => c.Kind, StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, string> Canonical = Columns.ToDictionary(c => c.Path, c => c.Path, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column's kind and canonical path, when the header names a column of the layout.</summary>
    public static bool TryGet(string header, out string path, out CsvKind kind)
    {
        var key = header.Trim();
        if (Canonical.TryGetValue(key, out var p))
        {
            path = p;
            kind = ByPath[p];
            return true;
        }

        path = key;
        kind = CsvKind.Text;
        return false;
    }

    /// <summary>
    /// How deep a JSON cell may nest: the record's own depth (<see cref="RecordReader.MaxDepth"/>) less the two levels the
    /// cell sits under (the record, <c>decisionChain</c>), so CSV and JSON accept the same stakeholder maps.
    /// </summary>
    private const int JsonCellDepth = RecordReader.MaxDepth - 2;

    /// <summary>
    /// The JSON value of a cell: typed when it parses, else the text (so the record's errors say what was found); a JSON
    /// cell nested too deep gives no value but a <paramref name="problem"/>.
    /// </summary>
    public static JsonNode Value(string cell, CsvKind kind, out string? problem) => Value(cell, kind, out problem, "a stakeholder map is an array of objects ([{\"name\": …, \"role\": …}])");

    /// <summary>The JSON value of a cell, as <see cref="Value(string, CsvKind, out string?)"/>; <paramref name="shape"/> says what a JSON cell should hold.</summary>
    public static JsonNode Value(string cell, CsvKind kind, out string? problem, string shape)
    {
        problem = null;
        var text = cell.Trim();
        switch (kind)
        {
            case CsvKind.Number:
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(text);
            case CsvKind.Boolean:
                return text.ToUpperInvariant() switch
                {
                    "TRUE" or "1" or "YES" => JsonValue.Create(true),
                    "FALSE" or "0" or "NO" => JsonValue.Create(false),
                    _ => JsonValue.Create(text),
                };
            case CsvKind.List:
                var list = new JsonArray();
                foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    list.Add(part);
                }

                return list;
            case CsvKind.Json:
                try
                {
                    var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = JsonCellDepth });
                    problem = node is null ? null : InvalidText(node);
                    return node ?? JsonValue.Create(text);
                }
                catch (JsonException) when (RecordReader.TooDeep(System.Text.Encoding.UTF8.GetBytes(text), JsonCellDepth))
                {
                    problem = $"is JSON nested more than {JsonCellDepth} levels deep: {shape}";
                    return JsonValue.Create(text);
                }
                catch (JsonException)
                {
                    return JsonValue.Create(text);
                }

            default:
                return JsonValue.Create(text);
        }
    }

    /// <summary>What is wrong with the first string in a JSON cell that is not valid text (an escaped lone surrogate), if any.</summary>
    private static string? InvalidText(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                return o.Select(p => p.Value is null ? null : InvalidText(p.Value)).FirstOrDefault(p => p is not null);
            case JsonArray a:
                return a.Select(e => e is null ? null : InvalidText(e)).FirstOrDefault(p => p is not null);
            default:
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    return null;
                }

                try
                {
                    _ = node.GetValue<string>();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return $"is not valid text: at {node.GetPath().TrimStart('$')} it holds an escaped lone surrogate (a \\uD800–\\uDFFF escape without its pair)";
                }
        }
    }

    /// <summary>Sets a value at a dotted path, creating the objects on the way.</summary>
    public static void Set(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (current[parts[i]] is not JsonObject next)
            {
                next = new JsonObject();
                current[parts[i]] = next;
            }

            current = next;
        }

        current[parts[^1]] = value;
    }

    /// <summary>The cell text of a contract value found at a dotted path of a written opportunity.</summary>
    public static string Cell(JsonElement record, string path, CsvKind kind)
    {
        var current = record;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return string.Empty;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            JsonValueKind.String => current.GetString() ?? string.Empty,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array when kind == CsvKind.List => string.Join(';', current.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
            JsonValueKind.Array when current.GetArrayLength() == 0 && kind == CsvKind.Json => string.Empty,
            _ => current.GetRawText(),
        };
    }
}
