namespace OpportunityScoring.Insights;

/// <summary>
/// Finds the flip points of an assessment: the smallest rise of the margin (or cut of the cost) that changes the bid
/// decision — solved from the policy's floor and review band, then verified by re-scoring at the flip value and one
/// unit before it — and, for each criterion, the smallest change of one answer that changes the grade or the bid
/// (searched over the answer scale by re-scoring).
/// </summary>
internal static class FlipPointFinder
{
    /// <summary>The flip points of an assessed opportunity.</summary>
    /// <param name="variants">The re-scorings of this explanation (the scorer that made the assessment, the day).</param>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="assessment">Its assessment.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <returns>The margin and cost flip points first, then one per criterion and direction.</returns>
    public static IReadOnlyList<FlipPoint> Find(Variants variants, Opportunity opportunity, Assessment assessment, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(opportunity);
        ArgumentNullException.ThrowIfNull(assessment);
        texts ??= Texts.English;
        var flips = new List<FlipPoint>();
        Margin(variants, opportunity, assessment, texts, flips);
        MarginGrade(variants, opportunity, assessment, texts, flips);
        Criteria(variants, opportunity, assessment, texts, flips);
        return flips;
    }

    private static void Margin(Variants variants, Opportunity o, Assessment a, Texts texts, List<FlipPoint> flips)
    {
        if (a.Bid is not { } bid || o.GrossMargin is not { } margin)
        {
            return;
        }

        var policy = variants.Scorer.Policy;
        var floor = policy.Bid.FloorFor(o);
        var band = policy.Bid.ReviewBand;
        var amount = o.ExpectedContractAmount;
        var overheads = (o.SalesExpenseBudget ?? 0m) + (o.BidCost ?? 0m);
        var now = bid.Decision;
        var byCost = o.EstimatedCost is not null;
        string key;
        decimal target;
        bool up;
        if (margin < floor)
        {
            (key, target, up) = ("flip.margin.floor", Math.Max(floor, overheads / amount), true);
        }
        else if (margin < floor + band)
        {
            (key, target, up) = ("flip.margin.band", floor + band, true);
        }
        else
        {
            (key, target, up) = ("flip.margin.down", band > 0 ? floor + band : floor, false);
        }

        // The cost at which the margin reaches the target exactly, in whole currency units.
        var costAtTarget = Math.Floor(amount * (1m - target));
        Opportunity atFlip, before;
        decimal flipMargin;
        if (byCost)
        {
            var flipCost = up ? costAtTarget : costAtTarget + 1m;
            atFlip = WithCost(o, flipCost);
            before = WithCost(o, up ? flipCost + 1m : flipCost - 1m);
            flipMargin = (amount - flipCost) / amount;
        }
        else
        {
            const decimal unit = 0.0001m; // one hundredth of a point
            flipMargin = up ? target : target - unit;
            atFlip = o with { InitiationReport = o.InitiationReport! with { GrossMarginEstimate = flipMargin } };
            before = o with { InitiationReport = o.InitiationReport! with { GrossMarginEstimate = up ? flipMargin - unit : flipMargin + unit } };
        }

        if (variants.Score(atFlip) is not { } atFlipAssessment || variants.Score(before) is not { } beforeAssessment)
        {
            return;
        }

        var after = atFlipAssessment.Bid?.Decision;
        var stays = beforeAssessment.Bid?.Decision;
        var verified = after != now && stays == now;
        var points = Numbers.Normalize(Math.Round(Math.Abs(flipMargin - margin) * 100m, 2, MidpointRounding.AwayFromZero)).ToString(System.Globalization.CultureInfo.InvariantCulture); // to 0.01, as the report's margins
        var costChange = byCost ? atFlip.EstimatedCost!.Value - o.EstimatedCost!.Value : 0m;
        var message = key switch
        {
            "flip.margin.floor" => byCost ? texts.Get(key, points, ImprovementFinder.Money(-costChange), ImprovementFinder.Percent(floor)) : texts.Get(key + ".noCost", points, ImprovementFinder.Percent(floor)),
            "flip.margin.band" => byCost ? texts.Get(key, points, ImprovementFinder.Money(-costChange), ImprovementFinder.Percent(floor + band)) : texts.Get(key + ".noCost", points, ImprovementFinder.Percent(floor + band)),
            _ => byCost ? texts.Get(key, points, ImprovementFinder.Money(costChange - 1m)) : texts.Get(key + ".noCost", points),
        };
        message += after != now ? texts.Get("flip.outcome", ImprovementFinder.Local(now, texts), ImprovementFinder.Local(after, texts)) : texts.Get("flip.unchanged", ImprovementFinder.Local(now, texts));
        flips.Add(MarginFlip(FlipKind.Bid, margin, flipMargin, ImprovementFinder.Word(now, texts), ImprovementFinder.Word(after, texts), verified, message));
        if (byCost)
        {
            var costMessage = up
                ? texts.Get("flip.cost.up", ImprovementFinder.Money(-costChange), ImprovementFinder.Money(atFlip.EstimatedCost!.Value))
                : texts.Get("flip.cost.down", ImprovementFinder.Money(costChange - 1m), ImprovementFinder.Money(atFlip.EstimatedCost!.Value - 1m));
            costMessage += after != now ? texts.Get("flip.outcome", ImprovementFinder.Local(now, texts), ImprovementFinder.Local(after, texts)) : texts.Get("flip.unchanged", ImprovementFinder.Local(now, texts));
            flips.Add(new FlipPoint
            {
                Code = "cost",
                Kind = FlipKind.Bid,
                Criterion = Criterion.GrossMargin,
                From = ImprovementFinder.Money(o.EstimatedCost!.Value),
                To = ImprovementFinder.Money(atFlip.EstimatedCost!.Value),
                Delta = Numbers.Normalize(costChange),
                OutcomeBefore = ImprovementFinder.Word(now, texts),
                OutcomeAfter = ImprovementFinder.Word(after, texts),
                Verified = verified,
                Message = costMessage,
            });
        }
    }

    /// <summary>A flip of the gross margin from its value to the flip value, changing the bid or the grade.</summary>
    private static FlipPoint MarginFlip(FlipKind kind, decimal margin, decimal flipMargin, string before, string after, bool verified, string message) => new()
    {
        Code = "margin",
        Kind = kind,
        Criterion = Criterion.GrossMargin,
        From = ImprovementFinder.Percent(margin),
        To = ImprovementFinder.Percent(flipMargin),
        Delta = Numbers.Normalize(Math.Round(flipMargin - margin, 6, MidpointRounding.AwayFromZero)),
        OutcomeBefore = before,
        OutcomeAfter = after,
        Verified = verified,
        Message = message,
    };

    private static void MarginGrade(Variants variants, Opportunity o, Assessment a, Texts texts, List<FlipPoint> flips)
    {
        if (o.EstimatedCost is not { } cost || o.GrossMargin is not { } margin)
        {
            return;
        }

        var amount = o.ExpectedContractAmount;
        foreach (var step in variants.Scorer.Policy.MarginCredit.Steps.Select(s => s.AtLeast).Where(t => t > margin).Order())
        {
            var flipCost = Math.Floor(amount * (1m - step));
            if (variants.Score(WithCost(o, flipCost)) is not { } after || after.Grade == a.Grade)
            {
                continue;
            }

            var stays = variants.Score(WithCost(o, flipCost + 1m))?.Grade;
            var flipMargin = (amount - flipCost) / amount;
            flips.Add(MarginFlip(FlipKind.Grade, margin, flipMargin, a.Grade.ToString(), after.Grade.ToString(), stays == a.Grade, texts.Get("flip.margin.grade", ImprovementFinder.Percent(step), ImprovementFinder.Money(flipCost), a.Grade, after.Grade)));
            _ = cost;
            return;
        }
    }

    private static void Criteria(Variants variants, Opportunity o, Assessment a, Texts texts, List<FlipPoint> flips)
    {
        // Per criterion, kind and direction (bid flips: any direction): the flip with the fewest steps along the scale (first found on ties, in catalogue order).
        var best = new Dictionary<(Criterion, FlipKind, bool), (int Steps, FlipPoint Flip)>();
        foreach (var field in EvidenceFields.For(o))
        {
            var current = field.Current(o);
            var from = current < 0 ? texts.Get("word.unknown") : field.Words[current];
            var fromWords = current < 0 ? texts.Get("word.unknown") : field.WordIn(current, texts);
            var name = field.NameIn(texts);
            foreach (var up in new[] { true, false })
            {
                // Up: nearest better value first (from unknown: the least answer first). Down: nearest worse first (from unknown: the best first).
                var candidates = up
                    ? Enumerable.Range(current + 1, field.Words.Length - current - 1)
                    : current < 0 ? Enumerable.Range(0, field.Words.Length).Reverse() : Enumerable.Range(0, current).Reverse();
                bool gradeFound = false, bidFound = false;
                foreach (var i in candidates)
                {
                    if (gradeFound && bidFound)
                    {
                        break;
                    }

                    if (variants.Decide(o, field, i) is not { } after)
                    {
                        continue;
                    }

                    var steps = current < 0 ? 1 : Math.Abs(i - current);
                    var gradeMoved = up ? after.Grade < a.Grade : after.Grade > a.Grade;
                    if (!gradeFound && gradeMoved)
                    {
                        gradeFound = true;
                        Keep(best, (field.Criterion, FlipKind.Grade, up), steps, new FlipPoint
                        {
                            Code = field.Code,
                            Kind = FlipKind.Grade,
                            Criterion = field.Criterion,
                            From = from,
                            To = field.Words[i],
                            OutcomeBefore = a.Grade.ToString(),
                            OutcomeAfter = after.Grade.ToString(),
                            Verified = true,
                            Message = texts.Get(up ? "flip.field.up" : "flip.field.down", name, fromWords, field.WordIn(i, texts), a.Grade, after.Grade),
                        });
                    }

                    if (!bidFound && after.Bid != a.Bid?.Decision)
                    {
                        bidFound = true;
                        Keep(best, (field.Criterion, FlipKind.Bid, true), steps, new FlipPoint
                        {
                            Code = field.Code,
                            Kind = FlipKind.Bid,
                            Criterion = field.Criterion,
                            From = from,
                            To = field.Words[i],
                            OutcomeBefore = ImprovementFinder.Word(a.Bid?.Decision, texts),
                            OutcomeAfter = ImprovementFinder.Word(after.Bid, texts),
                            Verified = true,
                            Message = texts.Get("flip.field.bid", name, fromWords, field.WordIn(i, texts), ImprovementFinder.Local(a.Bid?.Decision, texts), ImprovementFinder.Local(after.Bid, texts)),
                        });
                    }
                }
            }
        }

        flips.AddRange(best.OrderBy(b => b.Key.Item1).ThenBy(b => b.Key.Item2).ThenByDescending(b => b.Key.Item3).Select(b => b.Value.Flip));
    }

    /// <summary>The variant at another estimated cost; a cost range moves with the estimate (same spread), so it still contains it.</summary>
    internal static Opportunity WithCost(Opportunity o, decimal cost)
    {
        var shift = cost - (o.EstimatedCost ?? cost);
        return o with
        {
            EstimatedCost = cost,
            CostRange = o.CostRange is { } r ? new CostRange { Low = Math.Max(0m, r.Low + shift), High = r.High + shift } : null,
        };
    }

    private static void Keep(Dictionary<(Criterion, FlipKind, bool), (int Steps, FlipPoint Flip)> best, (Criterion, FlipKind, bool) key, int steps, FlipPoint flip)
    {
        if (!best.TryGetValue(key, out var kept) || steps < kept.Steps)
        {
            best[key] = (steps, flip);
        }
    }
}
