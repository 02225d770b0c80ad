using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Testing;

/// <summary>
/// Generates a realistic synthetic pipeline for load tests and benchmarks: every stage (more early leads than
/// tenders), evidence that firms up as a deal advances, stakeholder maps, costs with ranges, closed deals with
/// outcomes, and unknowns everywhere. Deterministic for a seed: the same seed and day give the same pipeline.
/// </summary>
/// <remarks>Every record it generates is valid under the contract. Not thread safe; use one per thread.</remarks>
public sealed partial class PipelineGenerator
{
    private static readonly string[] Industries = ["Metro", "Grid", "Hospital", "Port", "Water", "Telecom", "Airport", "University", "Steel", "Bank"];
    private static readonly string[] Things = ["ticketing upgrade", "data centre", "lab automation", "SCADA refresh", "ERP roll-out", "network core", "security platform", "billing system", "asset tracking", "cloud migration"];
    private static readonly string[] Competitors = ["Rival Systems", "Northgate IT", "Eastern Power IT", "Kite Networks", "Bluefin Tech", "Orion Integrators"];
    private static readonly string[] Classifications = ["system-integration", "infrastructure", "software", "services"];
    private static readonly Stage[] StageMix =
    [
        Stage.Development, Stage.Development, Stage.Development, Stage.Development,
        Stage.Initiation, Stage.Initiation, Stage.Initiation,
        Stage.Proposal, Stage.Proposal, Stage.Proposal,
        Stage.Tender, Stage.Tender,
        Stage.Implementation, Stage.Closed,
    ];

    private readonly Random _random;

    /// <summary>
    /// Draws the evidence added with the tender's real work, change orders and the customer's buying step, apart from
    /// <see cref="_random"/>: the fields drawn before them come out as they did for the same seed.
    /// </summary>
    private readonly Random _work;
    private readonly int _seed;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed: the same seed gives the same pipeline.</param>
    /// <param name="asOf">The day the pipeline is assessed on (dates are drawn around it).</param>
    public PipelineGenerator(int seed, DateOnly asOf)
    {
        _seed = seed;
        _random = new Random(seed);
        _work = new Random(unchecked((seed * 31) + 23));
        AsOf = asOf;
    }

    /// <summary>The day the pipeline is assessed on.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Generates opportunities lazily, one at a time.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The opportunities, ids <c>SYN-{seed}-{n}</c>.</returns>
    public IEnumerable<Opportunity> Generate(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return Next(i);
        }
    }

    /// <summary>Writes <paramref name="count"/> opportunities as the contract's JSON document, streaming.</summary>
    /// <param name="output">Where to write (left open).</param>
    /// <param name="count">How many.</param>
    public void WriteJson(Stream output, long count)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", 1);
        writer.WriteString("asOf", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartArray("opportunities");
        foreach (var opportunity in Generate(count))
        {
            JsonSerializer.Serialize(writer, opportunity, OpportunityJson.Writing);
            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
    }

    /// <summary>Writes <paramref name="count"/> opportunities as JSON Lines (one per line), streaming.</summary>
    /// <param name="output">Where to write (left open).</param>
    /// <param name="count">How many.</param>
    public void WriteJsonLines(Stream output, long count)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var opportunity in Generate(count))
        {
            JsonSerializer.Serialize(output, opportunity, OpportunityJson.Writing);
            output.WriteByte((byte)'\n');
        }
    }

    /// <summary>Writes <paramref name="count"/> opportunities in the flat CSV layout, streaming.</summary>
    /// <param name="output">Where to write (left open).</param>
    /// <param name="count">How many.</param>
    public void WriteCsv(Stream output, long count) => PipelineCsv.Write(Generate(count), output);

    private Opportunity Next(long n)
    {
        var stage = Pick(StageMix);
        var progress = (int)stage; // 0 development … 5 closed: evidence firms up as the deal advances
        var amount = Math.Round((decimal)Math.Exp(Normal(14.5, 1.2)), 0); // log-normal around 2 million
        amount = Math.Max(amount, 10_000m);
        var known = Math.Min(0.35 + (0.13 * progress), 0.95); // chance that a piece of evidence is known
        var quality = _random.NextDouble(); // how good the deal is; drives the answers
        var account = $"ACC-{_random.Next(1, Accounts + 1):D4}";
        var thing = Pick(Things);
        var industry = Pick(Industries);

        decimal? cost = null;
        CostRange? range = null;
        if (Chance(known))
        {
            var margin = (decimal)Math.Clamp(Normal(0.18 + (0.1 * quality), 0.08), -0.1, 0.6);
            cost = Math.Round(amount * (1 - margin), 0);
            if (Chance(0.5))
            {
                range = new CostRange { Low = Math.Round(cost.Value * 0.92m, 0), High = Math.Round(cost.Value * 1.15m, 0) };
            }
        }

        var signIn = _random.Next(-30, 400 - (60 * Math.Min(progress, 4)));
        var entered = AsOf.AddDays(-_random.Next(1, 200));
        var closed = stage == Stage.Closed;
        var opportunity = new Opportunity
        {
            Id = $"SYN-{_seed}-{n:D7}",
            Name = $"{industry} {thing}",
            Account = new Account
            {
                Id = account,
                Name = $"{industry} Group {account[4..]}",
                KeyAccount = Chance(0.8) ? Chance(0.6) : null,
                Relationship = Chance(known) ? Pick([Relationship.New, Relationship.Current, Relationship.Current, Relationship.Former]) : Relationship.Unknown,
            },
            Stage = stage,
            StageEnteredOn = Chance(0.85) ? entered : null,
            Currency = Chance(0.9) ? "CNY" : "USD",
            ExpectedContractAmount = amount,
            EstimatedCost = cost,
            CostRange = range,
            SalesExpenseBudget = Chance(known) ? Math.Round(amount * 0.03m, 0) : null,
            BidCost = progress >= 3 && Chance(known) ? Math.Round(amount * 0.01m, 0) : null,
            ExpectedSignDate = Chance(0.9) ? AsOf.AddDays(signIn) : null,
            InitiationReport = progress >= 1 && Chance(0.7)
                ? new InitiationReport
                {
                    ProjectName = $"{industry} {thing}",
                    ProjectNumber = $"P-{AsOf.Year}-{_random.Next(1, 999):D3}",
                    CustomerOwner = Chance(0.8) ? "Director " + Pick(["Wang", "Li", "Zhao", "Sun", "Chen", "Liu"]) : null,
                    ExpectedContractAmount = amount,
                    GrossMarginEstimate = Math.Round((decimal)Math.Clamp(Normal(0.2, 0.08), -0.2, 0.6), 2),
                    Classification = Pick(Classifications),
                    ExpectedSignDate = AsOf.AddDays(signIn),
                }
                : null,
            Need = new NeedEvidence
            {
                Level = Chance(known) ? Graded(quality, [NeedLevel.NoNeed, NeedLevel.GoodToHave, NeedLevel.ShouldHave, NeedLevel.MustHave]) : NeedLevel.Unknown,
                RequirementsDocumented = Answer(known, quality),
                EvaluationCriteriaKnown = Answer(known, quality),
            },
            Budget = new BudgetEvidence
            {
                Status = Chance(known) ? Graded(quality, [BudgetStatus.NoCommittedBudget, BudgetStatus.MayBuy, BudgetStatus.CanBuy, BudgetStatus.WillBuy]) : BudgetStatus.Unknown,
                Amount = Chance(known * 0.7) ? Math.Round(amount * (decimal)(0.7 + (0.6 * _random.NextDouble())), 0) : null,
            },
            Timeline = new TimelineEvidence
            {
                PurchaseTimeframe = Chance(known) ? Graded(quality, [PurchaseTimeframe.ThisYear, PurchaseTimeframe.NextQuarter, PurchaseTimeframe.ThisQuarter, PurchaseTimeframe.Immediate]) : PurchaseTimeframe.Unknown,
                DecisionDate = Chance(known * 0.6) ? AsOf.AddDays(_random.Next(0, 180)) : null,
                TenderDate = progress >= 2 && Chance(known * 0.6) ? AsOf.AddDays(_random.Next(-20, 120)) : null,
            },
            Competition = new CompetitionEvidence
            {
                Competitors = [.. Competitors.OrderBy(_ => _random.Next()).Take(_random.Next(0, 4))],
                Incumbent = Chance(known) ? Pick([Incumbent.None, Incumbent.Us, Incumbent.Competitor]) : Incumbent.Unknown,
                Position = Chance(known) ? Graded(quality, [CompetitivePosition.Behind, CompetitivePosition.Even, CompetitivePosition.Leading]) : CompetitivePosition.Unknown,
                BuyingCriteriaFavor = Chance(known) ? Graded(quality, [BuyingCriteriaFavor.Competitor, BuyingCriteriaFavor.Neutral, BuyingCriteriaFavor.Us]) : BuyingCriteriaFavor.Unknown,
            },
            DecisionChain = new DecisionChain
            {
                PurchaseProcess = Chance(known) ? Pick([PurchaseProcess.Individual, PurchaseProcess.Committee, PurchaseProcess.Committee]) : PurchaseProcess.Unknown,
                ProcurementEngaged = Answer(known, quality),
                Stakeholders = Stakeholders(progress, quality),
            },
            StrategicFit = new StrategicFit
            {
                Strategy = Answer(known, quality),
                MarketPositioning = Answer(known, quality),
                ProductDirection = Answer(known, quality),
                FutureInfluence = Chance(known * 0.7) ? Graded(quality, [FutureInfluence.None, FutureInfluence.Low, FutureInfluence.Medium, FutureInfluence.High]) : FutureInfluence.Unknown,
            },
            Milestones = new Milestones
            {
                FollowUpTableFilled = Answer(known, 0.5 + (quality / 2)),
                Shortlisted = progress >= 1 ? Answer(known, quality) : Evidence.Unknown,
                SolutionDemoDone = progress >= 2 ? Answer(known, quality) : Evidence.Unknown,
                ProposalSubmitted = progress >= 2 ? Answer(known, quality) : Evidence.Unknown,
                ObjectionsResolved = progress >= 2 ? Answer(known, quality) : Evidence.Unknown,
                TenderDocumentsReceived = progress >= 3 ? Answer(known, quality) : Evidence.Unknown,
                BidTeamAssigned = progress >= 3 ? Answer(known, quality) : Evidence.Unknown,
                BidPriceApproved = progress >= 3 ? Answer(known, quality) : Evidence.Unknown,
                BidOutcome = progress >= 4 ? (closed && Chance(0.6) ? BidOutcome.Lost : BidOutcome.Won) : BidOutcome.Pending,
                HandOverDone = progress >= 4 ? Answer(known, quality) : Evidence.Unknown,
                ProjectManagerAppointed = progress >= 4 ? Answer(known, quality) : Evidence.Unknown,
            },
        };
        return WithTheWork(opportunity, progress, known, quality);
    }

    /// <summary>
    /// The stages' real work (demos and visits, the bid strategy meeting, the bid document's review, the negotiation,
    /// the implementation plan, close-out), the customer's buying step and the change orders, drawn from their own
    /// random stream.
    /// </summary>
    private Opportunity WithTheWork(Opportunity o, int progress, double known, double quality)
    {
        Evidence Work(int from) => progress >= from && _work.NextDouble() < known
            ? Graded(_work, quality, [Evidence.No, Evidence.Partial, Evidence.Yes, Evidence.Yes, Evidence.Yes])
            : Evidence.Unknown;

        var m = o.Milestones with
        {
            CompanyVisitDone = Work(2),
            ReferenceVisitDone = Work(2),
            InitiationReportReviewed = Work(2),
            ValueAddedServiceOffered = Work(2),
            BidStrategyMeetingHeld = Work(3),
            BidDocumentReview = new BidDocumentReview
            {
                SolutionSound = Work(3), TechnicallyFeasible = Work(3), MeetsRequirements = Work(3), PriceBreakdownChecked = Work(3),
                QualificationsCompliant = Work(3), CommercialDocumentsComplete = Work(3), OnSchedule = Work(3),
            },
            RequirementsCommunicated = Work(3),
            CompetitiveStrategySet = Work(3),
            PresentersAssigned = Work(3),
            StatementOfWorkReviewed = Work(3),
            Negotiation = progress >= 4 && _work.NextDouble() < known ? (_work.NextDouble() < 0.7 ? CommercialNegotiation.Sole : CommercialNegotiation.Competitive) : CommercialNegotiation.Unknown,
            ContractSigned = Work(4),
            StageSummaryFiled = Work(0),
            ProjectTeamFormed = Work(4),
            CustomerProjectTeamFormed = Work(4),
            ImplementationPlanApproved = Work(4),
            ImplementationPlan = new ImplementationPlan
            {
                WorkScope = Work(4), RisksAndRemedies = Work(4), ProjectManagement = Work(4), FollowOnOrders = Work(4), RelationshipUpkeep = Work(4),
            },
            PaymentsOnSchedule = Work(4),
            DeliveryCompleted = Work(4),
            StageReviewsHeld = Work(4),
            AcceptanceSigned = Work(4),
            ProjectClosedOut = Work(5),
        };

        // The customer's buying step: mostly in step with our stage, sometimes ahead of it (we are behind the customer).
        var step = BuyingStep.Unknown;
        if (_work.NextDouble() < known * 0.6)
        {
            var inStep = Math.Min(progress, 4) switch { 0 => 1, 1 => 2, 2 => 3, 3 => 4, _ => 7 };
            step = (BuyingStep)Math.Clamp(inStep + (_work.NextDouble() < 0.2 ? _work.Next(1, 3) : -_work.Next(0, 2)), 1, 7);
        }

        // A change order after the tender (合同變更): the contract grew from the initiation report's amount by its amount.
        var changes = new List<ChangeOrder>();
        var report = o.InitiationReport;
        if (progress >= 3 && report?.ExpectedContractAmount is { } reported && _work.NextDouble() < 0.25)
        {
            var added = Math.Round(reported * (decimal)(0.05 + (0.2 * _work.NextDouble())), 0);
            changes.Add(new ChangeOrder { Date = AsOf.AddDays(-_work.Next(1, 120)), Amount = added, Reason = "requirement change: added implementation work" });
            report = report with { ExpectedContractAmount = _work.NextDouble() < 0.8 ? reported - added : reported };
        }

        return o with
        {
            Milestones = m,
            Timeline = o.Timeline with { BuyingStep = step },
            InitiationReport = report,
            ChangeOrders = changes,
        };
    }

    private List<Stakeholder> Stakeholders(int progress, double quality)
    {
        var count = _random.Next(0, 2 + Math.Min(progress, 4));
        var people = new List<Stakeholder>(count);
        for (var i = 0; i < count; i++)
        {
            var role = Pick([StakeholderRole.EconomicBuyer, StakeholderRole.DecisionMaker, StakeholderRole.TechnicalEvaluator, StakeholderRole.User, StakeholderRole.Procurement, StakeholderRole.Coach, StakeholderRole.ExpertPanel]);
            people.Add(new Stakeholder
            {
                Name = $"{role} {i + 1}",
                Role = role,
                Influence = Pick([Influence.High, Influence.Medium, Influence.Low]),
                Stance = Chance(0.8) ? Graded(quality, [Stance.Opponent, Stance.Neutral, Stance.Supporter, Stance.Champion]) : Stance.Unknown,
                Coverage = Graded(Math.Min(1, quality + (0.1 * progress)), [Coverage.None, Coverage.Contacted, Coverage.Met, Coverage.InDepth]),
            });
        }

        return people;
    }

    private Evidence Answer(double known, double quality) =>
        Chance(known) ? Graded(quality, [Evidence.No, Evidence.Partial, Evidence.Yes, Evidence.Yes]) : Evidence.Unknown;

    /// <summary>A value from worst to best, drawn around the deal's quality with some noise.</summary>
    private T Graded<T>(double quality, T[] worstToBest) => Graded(_random, quality, worstToBest);

    private static T Graded<T>(Random random, double quality, T[] worstToBest)
    {
        var x = Math.Clamp(quality + Normal(random, 0, 0.25), 0, 0.999);
        return worstToBest[(int)(x * worstToBest.Length)];
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private double Normal(double mean, double sd) => Normal(_random, mean, sd);

    private static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
