namespace OpportunityScoring.BidDecision;

/// <summary>
/// The bid rules' ledger for one opportunity: the fatal factors (any one means no-bid), the reasons to review, the
/// cost risk and the economics, and the decision. One per opportunity and session; not thread safe.
/// </summary>
internal sealed class BidLedger : IExplanationSink
{
    private readonly BidPolicy _policy;
    private readonly Opportunity _opportunity;
    private readonly AssessmentLog _log;
    private List<FatalFactor>? _fatal; // created on the first item: most opportunities have none
    private List<GateItem>? _reviews;
    private CostRisk? _costRisk;
    private BidEconomics? _economics;
    private bool _relationshipBidOpen;

    /// <summary>Creates an empty ledger.</summary>
    public BidLedger(BidPolicy policy, Opportunity opportunity, AssessmentLog log)
    {
        _policy = policy;
        _opportunity = opportunity;
        _log = log;
    }

    /// <inheritdoc />
    public bool KeepsExplanations => _log.Explains;

    /// <summary>The bid decision, once decided (absent for implementation and closed).</summary>
    public BidResult? Result { get; private set; }

    /// <summary>Records a fatal factor: a reason not to bid.</summary>
    public void Fatal(string rule, string code, MessageText message, FactorValue threshold, FactorValue actual)
    {
        EnsureOpen(rule);
        (_fatal ??= []).Add(new FatalFactor(code, message, threshold, actual));
        if (_log.Explains)
        {
            _log.NoteShared(rule, null, threshold.Number is null && actual.Number is null
                ? SharedMessages.Default.Named("reason.fatal", code, message, threshold.Text, actual.Text, (Code: code, Message: message, Threshold: threshold, Actual: actual), static s => FatalReason(s.Code, s.Message, s.Threshold, s.Actual))
                : FatalReason(code, message, threshold, actual)); // numbers vary from one opportunity to the next: not shared
        }
    }

    /// <summary>Records a fatal factor with the catalogue's text for its code (<c>fatal.{code}</c>).</summary>
    public void Fatal(string rule, string code, FactorValue threshold, FactorValue actual) => Fatal(rule, code, _log.Text("fatal.", code), threshold, actual);

    /// <summary>Records a reason the bid needs people to review it.</summary>
    public void Review(string rule, string code, MessageText message)
    {
        EnsureOpen(rule);
        (_reviews ??= []).Add(new GateItem(code, message));
        if (_log.Explains)
        {
            _log.NoteShared(rule, null, SharedMessages.Default.Named("reason.review", "review.name.", code, message));
        }
    }

    /// <summary>Records a reason to review, with the catalogue's text for its code (<c>review.{code}</c>).</summary>
    public void Review(string rule, string code) => Review(rule, code, _log.Text("review.", code));

    /// <summary>Records the cost risk computed from the cost range.</summary>
    public void SetCostRisk(string rule, CostRisk risk)
    {
        EnsureOpen(rule);
        _costRisk = risk;
        if (_log.Explains)
        {
            _log.Note(rule, Criterion.GrossMargin, MessageText.Of("reason.costRisk", DistributionName.Of(risk.Distribution), MethodName.Of(risk.Method),
                risk.ProbabilityBelowFloor, risk.ProbabilityOfLoss));
        }
    }

    /// <summary>Records the bid economics.</summary>
    public void SetEconomics(string rule, BidEconomics economics)
    {
        EnsureOpen(rule);
        _economics = economics ?? throw new ArgumentNullException(nameof(economics));
        if (!_log.Explains)
        {
            return;
        }

        _log.Note(rule, null, economics.BreakEvenWinProbability is { } b
            ? MessageText.Of("reason.economics.breakEven", economics.ExpectedValue, economics.WinProbability, economics.MarginAmount, economics.BidCost, b)
            : MessageText.Of("reason.economics", economics.ExpectedValue, economics.WinProbability, economics.MarginAmount, economics.BidCost));
    }

    /// <summary>
    /// Records that the conditions of a relationship bid hold (the account is worth a bid that builds the relationship,
    /// and the margin is known): when the buying criteria against us turn out to be the only fatal factor, the decision
    /// is a relationship bid instead of a no-bid.
    /// </summary>
    public void OpenRelationshipBid(string rule)
    {
        EnsureOpen(rule);
        _relationshipBidOpen = true;
        if (_log.Explains)
        {
            _log.NoteShared(rule, null, RelationshipBidOpen);
        }
    }

    /// <summary>
    /// Decides the bid: a relationship bid when the buying criteria against us are the only fatal factor and a rule
    /// opened it; else no-bid when any fatal factor holds; else review when any review reason; else bid. Before the
    /// tender the result is an outlook, at the tender the decision.
    /// </summary>
    /// <returns>The decision and the fatal factors that hold.</returns>
    public BidDecided Decide(string rule, decimal? grossMargin, decimal? netMargin)
    {
        EnsureOpen(rule);
        var decision = _fatal is { Count: > 0 }
            ? (_relationshipBidOpen && OnlyCriteriaAgainstUs() ? BidRecommendation.RelationshipBid : BidRecommendation.NoBid)
            : _reviews is { Count: > 0 } ? BidRecommendation.Review : BidRecommendation.Bid;
        var fatal = StableSort.ToSortedArray(_fatal, static (x, y) => AssessmentLog.ByCatalogue(BidCodes.FatalFactorCodes, x.Code, y.Code));
        var reviews = StableSort.ToSortedArray(_reviews, static (x, y) => string.CompareOrdinal(x.Code, y.Code));
        Result = new BidResult
        {
            Decision = decision,
            Kind = BidCodes.KindAt(_opportunity.Stage),
            GrossMargin = grossMargin is { } g ? Numbers.Normalize(Math.Round(g, 6, MidpointRounding.AwayFromZero)) : null,
            NetMargin = netMargin is { } n ? Numbers.Normalize(Math.Round(n, 6, MidpointRounding.AwayFromZero)) : null,
            MarginFloor = Numbers.Normalize(_policy.FloorFor(_opportunity)),
            FatalFactors = fatal,
            ReviewReasons = reviews,
            CostRisk = _costRisk,
            Economics = _economics,
        };
        var fatalCodes = AssessmentLog.CodesOf(fatal, static f => f.Code);
        var decided = new BidDecided(decision, fatalCodes);
        if (!_log.Explains)
        {
            return decided;
        }

        _log.NoteShared(rule, null, decision switch
        {
            BidRecommendation.NoBid => SharedMessages.Default.Listed("reason.bid.noBid", null, "fatal.name.", fatalCodes, BidCodes.FatalFactorCodes),
            BidRecommendation.Review => SharedMessages.Default.Listed("reason.bid.review", null, "review.name.", AssessmentLog.CodesOf(reviews, static r => r.Code), BidCodes.ReviewCodes),
            BidRecommendation.RelationshipBid => RelationshipBidDecided,
            _ => BidClear,
        });
        return decided;
    }

    /// <summary>The reason for a fatal factor: its name, its text, and the threshold and actual value as shown.</summary>
    private static MessageText FatalReason(string code, MessageText message, FactorValue threshold, FactorValue actual) =>
        MessageText.Of("reason.fatal", MessageText.Name("fatal.name.", code), message, Shown(code, "threshold", threshold), Shown(code, "actual", actual));

    /// <summary>
    /// A fatal factor's threshold or actual value for a message: a number as itself, words as the catalogue's text of the
    /// factor's <c>fatal.{code}.{which}</c> (in the reader's language) when its English text is these words, else as given.
    /// </summary>
    internal static object Shown(string code, string which, FactorValue value) =>
        value.Number is { } n ? n
        : Texts.English.Has("fatal." + code + "." + which) && Texts.English.Get("fatal." + code + "." + which) == value.Text ? MessageText.Name("fatal." + code + ".", which)
        : value.ToString();

    private bool OnlyCriteriaAgainstUs()
    {
        if (_fatal is null)
        {
            return false;
        }

        for (var i = 0; i < _fatal.Count; i++)
        {
            if (_fatal[i].Code != BidCodes.CriteriaAgainstUs)
            {
                return false;
            }
        }

        return _fatal.Count > 0;
    }

    private void EnsureOpen(string rule)
    {
        if (Result is not null)
        {
            throw new InvalidOperationException($"Rule {rule} changed the bid after it was decided; give it a higher priority than the bid decision rule.");
        }
    }

    private static readonly MessageText BidClear = MessageText.Of("reason.bid.bid");

    private static readonly LastName DistributionName = new("word.distribution.");

    private static readonly LastName MethodName = new("word.method.");

    /// <summary>
    /// A catalogued name (<see cref="MessageText.Name"/>) of the code last asked for, kept by the code's reference: a
    /// policy's cost-risk distribution and method are the same strings in every assessment, so the name is found without
    /// joining the prefix and the code and looking the key up each time. Thread safe: a race replaces the pair whole.
    /// </summary>
    private sealed class LastName(string prefix)
    {
        private Pair? _last;

        public MessageText Of(string code)
        {
            if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Code, code))
            {
                return last.Name;
            }

            var name = MessageText.Name(prefix, code);
            Volatile.Write(ref _last, new Pair(code, name));
            return name;
        }

        private sealed record Pair(string Code, MessageText Name);
    }

    private static readonly MessageText RelationshipBidOpen = MessageText.Of("reason.bid.relationshipBidOpen");

    private static readonly MessageText RelationshipBidDecided = MessageText.Of("reason.bid.relationshipBid");
}
