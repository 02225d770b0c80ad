using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CsvHelper;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// How Salesforce's words map onto the contract (docs/salesforce-mapping.md). The defaults cover Salesforce's default
/// stage picklist and the demo org's; an org with its own stages passes its own map.
/// </summary>
internal sealed class SalesforceMapping
{
    /// <summary>The default mapping.</summary>
    public static SalesforceMapping Default { get; } = new();

    /// <summary>
    /// Open StageName → contract stage (case-insensitive). A closed row (<c>IsClosed</c>) is always <c>closed</c>,
    /// whatever its StageName.
    /// </summary>
    public IReadOnlyDictionary<string, Stage> Stages { get; init; } = new Dictionary<string, Stage>(StringComparer.OrdinalIgnoreCase)
    {
        ["Prospecting"] = Stage.Development,
        ["Qualification"] = Stage.Development,
        ["Discovery"] = Stage.Development,
        ["Needs Analysis"] = Stage.Initiation,
        ["Id. Decision Makers"] = Stage.Initiation,
        ["Value Proposition"] = Stage.Proposal,
        ["Perception Analysis"] = Stage.Proposal,
        ["Proposal"] = Stage.Proposal,
        ["Proposal/Quote"] = Stage.Proposal,
        ["Proposal/Price Quote"] = Stage.Proposal,
        ["Negotiation"] = Stage.Tender,
        ["Negotiation/Review"] = Stage.Tender,
        ["Closed Won"] = Stage.Closed,
        ["Closed Lost"] = Stage.Closed,
    };

    /// <summary>Type → <c>account.relationship</c> (case-insensitive); a type not listed leaves the relationship unknown.</summary>
    public IReadOnlyDictionary<string, Relationship> Types { get; init; } = new Dictionary<string, Relationship>(StringComparer.OrdinalIgnoreCase)
    {
        ["Existing Business"] = Relationship.Current,
        ["Add-On Business"] = Relationship.Current,
        ["Existing Customer - Upgrade"] = Relationship.Current,
        ["Existing Customer - Replacement"] = Relationship.Current,
        ["Existing Customer - Downgrade"] = Relationship.Current,
        ["New Business"] = Relationship.New,
        ["New Customer"] = Relationship.New,
    };

    /// <summary>
    /// Account.Type → the account's <c>standing</c> (case-insensitive), and the opportunity's <c>account.relationship</c>
    /// when its own Type says nothing; a type not listed (a partner, Other) leaves both unknown.
    /// </summary>
    public IReadOnlyDictionary<string, Relationship> AccountTypes { get; init; } = new Dictionary<string, Relationship>(StringComparer.OrdinalIgnoreCase)
    {
        ["Prospect"] = Relationship.New,
        ["Customer - Direct"] = Relationship.Current,
        ["Customer - Channel"] = Relationship.Current,
    };
}

/// <summary>
/// Reads a Salesforce Opportunity export (Data Loader / Data Export CSV with the API field names as header) and maps
/// what Salesforce has onto the contract; everything Salesforce has no field for is left unknown. A row that cannot
/// be assessed (no Amount, Amount 0, a stage with no mapping, a cell that is not valid UTF-8, a non-empty cell beyond the
/// header, a row over the record limit) is a rejected record naming its Salesforce field; a column named twice makes
/// the export unusable.
/// </summary>
internal static class SalesforceOpportunityReader
{
    private static readonly string[] RequiredColumns = ["Id", "StageName", "Amount"];

    /// <summary>Every column the mapping reads (a cell of another column is never decoded).</summary>
    private static readonly string[] ReadColumns =
        ["Id", "Name", "StageName", "Amount", "IsClosed", "IsWon", "CloseDate", "LastStageChangeDate", "Probability", "CurrencyIsoCode", "AccountId", "Type", "ForecastCategory", "LeadSource",
         "Account.Id", "Account.Name", "Account.Type", "Account.Owner.Name", "Account.OwnerId"];

    /// <summary>Opens an export file for streaming.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="mapping">The mapping; <see cref="SalesforceMapping.Default"/> when <see langword="null"/>.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="PipelineFormatException">The header lacks Id, StageName or Amount.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineSource OpenFile(string path, SalesforceMapping? mapping = null) => Open(PipelineStreamReader.OpenRead(path), mapping);

    /// <summary>Opens an export for streaming.</summary>
    /// <param name="stream">UTF-8 CSV (a BOM is fine).</param>
    /// <param name="mapping">The mapping; <see cref="SalesforceMapping.Default"/> when <see langword="null"/>.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records (no <c>asOf</c>: an export carries none).</returns>
    /// <exception cref="PipelineFormatException">The header lacks Id, StageName or Amount.</exception>
    public static PipelineSource Open(Stream stream, SalesforceMapping? mapping = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var map = mapping ?? SalesforceMapping.Default;
        var csv = CsvReader.Create(PipelineText.Utf8(stream), PipelineCsv.ReaderOptions, leaveOpen: true);
        string[] header;
        try
        {
            header = PipelineCsv.Header(csv, "The Salesforce export");
        }
        catch (PipelineFormatException)
        {
            Close(csv, stream, leaveOpen);
            throw;
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i].Trim(), i);
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            Close(csv, stream, leaveOpen);
            throw new PipelineFormatException($"This is not a Salesforce Opportunity export: the header has no {string.Join(", ", missing)} column (API field names expected: Id, Name, StageName, Amount, CloseDate, …).");
        }

        var accounts = new SalesforceAccounts();
        return new PipelineSource(stream, leaveOpen, null, _ => ReadRows(csv, header.Length, columns, map, accounts)) { ExportedAccounts = accounts };
    }

    private static void Close(CsvReader csv, Stream stream, bool leaveOpen)
    {
        csv.Dispose();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private static IEnumerable<SizedRecord> ReadRows(CsvReader csv, int width, Dictionary<string, int> columns, SalesforceMapping map, SalesforceAccounts accounts)
    {
        using (csv)
        {
            using var duplicates = new DuplicateIds();
            var read = ReadColumns.Where(columns.ContainsKey).Select(c => (Name: c, Index: columns[c])).ToArray();
            var index = 0;
            while (PipelineCsv.Next(csv))
            {
                string? Get(string name) =>
                    columns.TryGetValue(name, out var i) && i < csv.FieldCount && csv.GetString(i) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

                var size = PipelineCsv.RowBytes(csv);
                var id = PipelineCsv.Text(csv, columns["Id"]);
                var record = size > Limits.RecordBytes
                    ? new PipelineRecord(index, null, [Limits.Oversized(id, index, size, "row")])
                    : Unreadable(csv, width, read, id, index) ?? Map(Get, index, map, accounts);
                yield return new SizedRecord(duplicates.Check(record), size);
                index++;
            }
        }
    }

    /// <summary>The errors of a row whose cells cannot be read as text (not UTF-8, or beyond the header), if any.</summary>
    private static PipelineRecord? Unreadable(CsvReader csv, int width, (string Name, int Index)[] read, string? id, int index)
    {
        List<InputError>? errors = null;
        void Error(string field, string message) => (errors ??= []).Add(new InputError(id, index, field, message));
        foreach (var (name, i) in read)
        {
            if (i < csv.FieldCount && !Utf8.IsValid(csv.GetSpan(i)))
            {
                Error(name, PipelineCsv.NotText(name));
            }
        }

        PipelineCsv.ExtraCells(csv, width, Error);
        return errors is null ? null : new PipelineRecord(index, null, errors);
    }

    internal static PipelineRecord Map(Func<string, string?> get, int index, SalesforceMapping map, SalesforceAccounts? accounts = null)
    {
        var id = RecordReader.NormalizeId(get("Id"));
        var closed = Flag(get("IsClosed"));
        var won = Flag(get("IsWon"));
        var stageName = get("StageName");
        var errors = new List<InputError>();

        Stage stage = Stage.Closed;
        if (!closed)
        {
            if (stageName is null)
            {
                errors.Add(new InputError(id, index, "StageName", "StageName is empty: the opportunity has no stage"));
            }
            else if (!map.Stages.TryGetValue(stageName, out stage))
            {
                errors.Add(new InputError(id, index, "StageName", $"the Salesforce stage '{stageName}' has no mapping onto the contract's stages; map it (SalesforceMapping.Stages) or leave the row out"));
            }
        }

        var amountText = get("Amount");
        decimal amount = 0;
        if (amountText is null)
        {
            errors.Add(new InputError(id, index, "Amount", "Amount is empty: an opportunity needs an expected contract amount to be scored; enter the Amount in Salesforce"));
        }
        else if (!decimal.TryParse(amountText, NumberStyles.Float, CultureInfo.InvariantCulture, out amount))
        {
            errors.Add(new InputError(id, index, "Amount", $"Amount '{amountText}' is not a number"));
        }
        else if (amount <= 0)
        {
            errors.Add(new InputError(id, index, "Amount", $"Amount is {amountText}: the expected contract amount must be positive; enter the Amount in Salesforce"));
        }

        var accountId = RecordReader.NormalizeId(get("AccountId"));
        if (RecordReader.NormalizeId(get("Account.Id")) is { } linked && linked != accountId)
        {
            if (accountId is not null)
            {
                errors.Add(new InputError(id, index, "Account.Id", $"Account.Id '{linked}' is not the AccountId '{accountId}': which account is it?"));
            }

            accountId = linked;
        }

        if (id is null)
        {
            errors.Insert(0, new InputError(null, index, "Id", "Id is empty: the opportunity has no Salesforce id"));
        }

        var closeDate = Date("CloseDate", get("CloseDate"), id, index, errors);
        var stageChanged = Date("LastStageChangeDate", get("LastStageChangeDate"), id, index, errors);
        decimal? probability = null;
        if (get("Probability") is { } p)
        {
            if (decimal.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
            {
                probability = percent / 100m;
            }
            else
            {
                errors.Add(new InputError(id, index, "Probability", $"Probability '{p}' is not a percentage from 0 to 100"));
            }
        }

        if (errors.Count > 0)
        {
            return new PipelineRecord(index, null, errors);
        }

        var root = new JsonObject
        {
            ["id"] = id,
            ["stage"] = ContractWords.Of(stage),
            ["expectedContractAmount"] = amount,
        };
        Put(root, "name", get("Name"));
        Put(root, "currency", get("CurrencyIsoCode"));
        Put(root, "expectedSignDate", closeDate);
        Put(root, "stageEnteredOn", stageChanged);
        var account = new JsonObject();
        Put(account, "id", accountId);
        Put(account, "name", get("Account.Name"));
        var type = get("Type");
        var standing = get("Account.Type") is { } accountType && map.AccountTypes.TryGetValue(accountType, out var s) ? s : Relationship.Unknown;
        if (type is not null && map.Types.TryGetValue(type, out var relationship))
        {
            account["relationship"] = ContractWords.Of(relationship);
        }
        else if (standing != Relationship.Unknown)
        {
            account["relationship"] = ContractWords.Of(standing);
        }

        if (account.Count > 0)
        {
            root["account"] = account;
        }

        if (closed)
        {
            root["milestones"] = new JsonObject { ["bidOutcome"] = won ? "won" : "lost" };
        }

        var crm = new JsonObject { ["system"] = "salesforce" };
        if (probability is { } share)
        {
            crm["probability"] = share;
        }

        Put(crm, "forecastCategory", get("ForecastCategory"));
        Put(crm, "leadSource", get("LeadSource"));
        Put(crm, "opportunityType", type);
        root["crm"] = crm;
        var record = PipelineCsv.ReadNode(root, index);
        if (record.Errors.Count == 0 && accountId is not null)
        {
            accounts?.Add(accountId, get("Account.Name"), get("Account.Owner.Name") ?? get("Account.OwnerId"), standing);
        }

        return record.Errors.Count == 0 ? record : record with { Errors = [.. record.Errors.Select(e => e with { Field = ColumnOf(e.Field) })] };
    }

    /// <summary>The Salesforce column a contract field was mapped from, so that every error of a row names the export's column.</summary>
    private static string ColumnOf(string field) => field switch
    {
        "id" => "Id",
        "name" => "Name",
        "stage" => "StageName",
        "expectedContractAmount" => "Amount",
        "expectedSignDate" => "CloseDate",
        "stageEnteredOn" => "LastStageChangeDate",
        "currency" => "CurrencyIsoCode",
        "account.id" => "AccountId",
        "account.name" => "Account.Name",
        "crm.probability" => "Probability",
        "crm.forecastCategory" => "ForecastCategory",
        "crm.leadSource" => "LeadSource",
        "crm.opportunityType" => "Type",
        _ => field,
    };

    private static void Put(JsonObject target, string name, string? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static bool Flag(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The date part of a Salesforce date or timestamp (<c>2023-04-05</c>, <c>2023-04-05T12:39:49.000+0000</c>,
    /// <c>2023-04-05 12:39</c>); anything else is an error naming the Salesforce column.
    /// </summary>
    private static string? Date(string column, string? value, string? id, int index, List<InputError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var date = value.Length > 10 && value[10] is 'T' or ' ' ? value[..10] : value;
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return date;
        }

        errors.Add(new InputError(id, index, column, $"{column} '{value}' is not a Salesforce date (yyyy-MM-dd, or a timestamp starting with one)"));
        return null;
    }
}
