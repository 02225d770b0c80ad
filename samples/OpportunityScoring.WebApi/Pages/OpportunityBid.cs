using OpportunityScoring.Insights;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>The bid part of the opportunity page: decision or outlook, margins against the floor, fatal factors, review reasons, economics and the cost risk.</summary>
internal static class OpportunityBid
{
    public static void Write(Html h, PageText t, Assessment a, DecisionReport report)
    {
        h.Raw("<section aria-labelledby=\"bid\"><h2 id=\"bid\">").Text(t["opportunity.bid"]).Raw("</h2>");
        if (a.Bid is not { } bid)
        {
            h.El("p", t.Library.Get("report.decision.none"));
            h.Raw("</section>");
            return;
        }

        h.El("p", t[bid.Kind == BidKind.Outlook ? "opportunity.bid.outlook" : "opportunity.bid.decision", t.Word(bid.Decision)], $"class=\"bid {PipelinePage.Contract(bid.Decision)}\"");
        h.Raw("<dl class=\"figures\">");
        h.El("dt", t["opportunity.bid.grossMargin"]).El("dd", bid.GrossMargin is { } g ? PageText.Percent((double)g) : t.Library.Get("word.unknown"));
        h.El("dt", t["opportunity.bid.floor"]).El("dd", PageText.Percent((double)bid.MarginFloor));
        h.El("dt", t["opportunity.bid.netMargin"]).El("dd", bid.NetMargin is { } n ? PageText.Percent((double)n) : t.Library.Get("word.unknown"));
        if (bid.Economics is { } e)
        {
            h.El("dt", t["opportunity.bid.marginAmount"]).El("dd", PageText.Money(e.MarginAmount));
            h.El("dt", t["opportunity.bid.bidCost"]).El("dd", PageText.Money(e.BidCost));
            h.El("dt", t["opportunity.bid.expectedValue"]).El("dd", PageText.Money(e.ExpectedValue));
            h.El("dt", t["opportunity.bid.breakEven"]).El("dd", e.BreakEvenWinProbability is { } b ? PageText.Percent(b) : "—");
            h.El("dt", t["opportunity.bid.maxBidCost"]).El("dd", PageText.Money(e.MaxBidCost));
        }

        h.Raw("</dl>");
        if (report.FatalFactors.Count > 0)
        {
            h.El("h3", t["opportunity.bid.fatal"]);
            OpportunityPage.List(h, t, report.FatalFactors.Select(f => t.Name("fatal.name.", f.Factor.Code) + t["sentence.colon"] + f.Factor.Text.Render(t.Library)));
        }

        if (bid.ReviewReasons.Count > 0)
        {
            h.El("h3", t["opportunity.bid.review"]);
            OpportunityPage.List(h, t, bid.ReviewReasons.Select(r => t.Name("review.name.", r.Code) + t["sentence.colon"] + r.Text.Render(t.Library)));
        }

        if (bid.CostRisk is { } risk)
        {
            h.El("h3", t["opportunity.costRisk"]);
            h.Raw("<figure>").Raw(Charts.CostRisk(risk, t["opportunity.costRisk.label", PageText.Money(risk.CostAtFloor), PageText.Percent(risk.ProbabilityBelowFloor)], t["opportunity.costRisk.floor"], t["opportunity.costRisk.loss"]));
            h.Raw("<figcaption>").Text(t["opportunity.costRisk.caption", PageText.Money(risk.Low), PageText.Money(risk.Mode), PageText.Money(risk.High), PageText.Money(risk.CostAtFloor), PageText.Percent(risk.ProbabilityBelowFloor), PageText.Money(risk.CostAtLoss), PageText.Percent(risk.ProbabilityOfLoss)]).Raw("</figcaption></figure>");
        }

        h.Raw("</section>");
    }
}
