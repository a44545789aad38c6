#include "core/crm/crmanalysis.h"

namespace tapledger::crm {

Result<void> checkAnalysisOptions(const AnalysisOptions &o)
{
    if (o.windowDays < 1)
        return fail(ErrorCode::InvalidArgument, "the analysis window must be at least 1 day");
    if (!(o.horizonDays > 0))
        return fail(ErrorCode::InvalidArgument, "the prediction horizon must be positive");
    const auto &p = o.pyramid;
    if (p.vipBp < 0 || p.vipBp > p.majorBp || p.majorBp > p.ordinaryBp || p.ordinaryBp > 10000)
        return fail(ErrorCode::InvalidArgument, "pyramid thresholds must be ascending within 0..10000 basis points");
    const auto &c = o.churn;
    if (!(c.pAliveBelow >= 0 && c.pAliveBelow <= 1) || !(c.rhythmFactor > 0) || c.lapsedDays < 1)
        return fail(ErrorCode::InvalidArgument, "churn thresholds out of range");
    if (!(o.fitTolerance > 0))
        return fail(ErrorCode::InvalidArgument, "the fit tolerance must be positive");
    if (o.threads < 1 || o.threads > 64)
        return fail(ErrorCode::InvalidArgument, "the analysis needs 1 to 64 threads");
    return {};
}

Result<Analysis> analyse(std::span<const MemberActivity> activity, const AnalysisOptions &options)
{
    TL_TRY(checkAnalysisOptions(options));
    Analysis out;
    for (const MemberActivity &a : activity) {
        auto summary = summarise(a, options.asOfDay, options.windowDays);
        if (!summary)
            return std::move(summary).error();
        if (!*summary)
            continue;
        MemberAnalysis m;
        m.member = a.member;
        m.summary = **summary;
        m.observation = {static_cast<double>(m.summary.totalVisits - 1),
                         static_cast<double>(m.summary.lastDay - m.summary.firstDay),
                         static_cast<double>(options.asOfDay - m.summary.firstDay) + 0.5};
        m.birthdayNextWeek = birthdayInComingWeek(a.birthday, options.asOfDay);
        out.members.push_back(std::move(m));
    }
    completeAnalysis(out, options);
    return out;
}

void completeAnalysis(Analysis &out, const AnalysisOptions &options, const std::optional<BgNbdParams> &warmStart)
{
    FleetAnalysis &fleet = out.fleet;
    fleet.members = out.members.size();

    std::vector<int64_t> spend;
    std::vector<VisitSpend> visitSpend;
    std::vector<RfmInput> rfmInput;
    std::vector<BgNbdObservation> observations;
    for (const MemberAnalysis &m : out.members) {
        spend.push_back(m.summary.windowSpend);
        visitSpend.push_back({m.summary.windowVisits, m.summary.windowSpend});
        rfmInput.push_back({options.asOfDay - m.summary.lastDay, m.summary.windowVisits, m.summary.windowSpend});
        observations.push_back(m.observation);
    }
    const Pyramid levels = pyramid(spend, options.pyramid);
    const auto quads = quadrants(visitSpend);
    const auto rfm = rfmScores(rfmInput);
    fleet.pyramid = levels.counts;
    fleet.topFifthShare = levels.topFifthShare;

    BgNbdFitOptions fitOptions;
    fitOptions.warmStart = warmStart;
    fitOptions.threads = options.threads;
    fitOptions.sizeTolerance = options.fitTolerance;
    auto fit = BgNbd::fit(observations, fitOptions);
    if (fit)
        fleet.fit = *fit;
    else
        fleet.fitError = fit.error().message;
    std::vector<BgNbdPrediction> predictions;
    if (fleet.fit)
        predictions = BgNbd::predict(fleet.fit->params, observations, options.horizonDays, options.threads);

    for (size_t i = 0; i < out.members.size(); ++i) {
        MemberAnalysis &m = out.members[i];
        m.pyramid = levels.levels[i];
        m.quadrant = quads[i];
        if (m.quadrant)
            ++fleet.quadrants[static_cast<size_t>(*m.quadrant)];
        m.rfm = rfm[i];
        if (fleet.fit) {
            const double p = predictions[i].pAlive;
            m.pAlive = p;
            m.expected = predictions[i].expected;
            fleet.expectedAlive += p;
            fleet.aliveOverHalf += p > 0.5 ? 1u : 0u;
        }
        m.churn = churnFlags(m.summary, m.pAlive, options.asOfDay, options.churn);
        fleet.pAliveLow += m.churn.pAliveLow ? 1u : 0u;
        fleet.gapBeyondRhythm += m.churn.gapBeyondRhythm ? 1u : 0u;
        fleet.lapsed += m.churn.lapsed ? 1u : 0u;
        fleet.birthdaysNextWeek += m.birthdayNextWeek ? 1u : 0u;
    }
}

} // namespace tapledger::crm
