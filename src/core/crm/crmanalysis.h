#pragma once

#include "core/crm/bgnbd.h"
#include "core/crm/churn.h"
#include "core/crm/memberactivity.h"
#include "core/crm/membersummary.h"
#include "core/crm/pyramid.h"
#include "core/crm/quadrants.h"
#include "core/crm/rfm.h"
#include "core/result.h"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tapledger::crm {

/// What an analysis run uses (docs/crm.md).
struct AnalysisOptions
{
    int64_t asOfDay = 0;       ///< local days since 1970-01-01; the day counts to its end
    int64_t windowDays = 365;  ///< the analysis window, >= 1
    double horizonDays = 90;   ///< expected purchases over this many days
    PyramidOptions pyramid;
    ChurnOptions churn;
    /// Threads for per-member work, the likelihood sum and the predictions (1..64). Segments do not
    /// depend on it; the fit only through summation order (docs/crm.md, "Benchmark").
    unsigned threads = 1;
    /// The fit's simplex size tolerance, BgNbdFitOptions::sizeTolerance (> 0; default as there).
    double fitTolerance = BgNbdFitOptions{}.sizeTolerance;
};

/// One member's results.
struct MemberAnalysis
{
    std::string member;
    MemberSummary summary;
    BgNbdObservation observation;     ///< (x, t_x, T) in days
    PyramidLevel pyramid = PyramidLevel::Small;
    std::optional<Quadrant> quadrant; ///< nullopt without a visit in the window
    RfmScore rfm;
    std::optional<double> pAlive;     ///< nullopt without a fitted model
    std::optional<double> expected;   ///< E[purchases in horizonDays]; nullopt without a model
    ChurnFlags churn;
    bool birthdayNextWeek = false;
};

/// Fleet-wide results.
struct FleetAnalysis
{
    size_t members = 0;
    std::optional<BgNbdFit> fit;       ///< nullopt when the model could not be fitted
    std::string fitError;              ///< why not, "" when fitted
    double expectedAlive = 0;          ///< Σ P(alive) (0 without a model)
    size_t aliveOverHalf = 0;          ///< members with P(alive) > 0.5
    std::array<size_t, 4> pyramid{};   ///< by PyramidLevel
    std::optional<double> topFifthShare;
    std::array<size_t, 4> quadrants{}; ///< by Quadrant
    size_t pAliveLow = 0, gapBeyondRhythm = 0, lapsed = 0, birthdaysNextWeek = 0;
};

/// The whole analysis.
struct Analysis
{
    std::vector<MemberAnalysis> members; ///< members with a purchase up to the as-of day, input order
    FleetAnalysis fleet;
};

/// Segments, liveness and warnings for @p activity as of @p options.asOfDay. Pure. InvalidArgument
/// for bad options, Overflow when a member's spend leaves int64. A model that cannot be fitted is
/// no error: fleet.fit stays empty and fleet.fitError says why.
Result<Analysis> analyse(std::span<const MemberActivity> activity, const AnalysisOptions &options);

/// InvalidArgument when @p options are out of range (the checks of analyse()).
Result<void> checkAnalysisOptions(const AnalysisOptions &options);

/// The rest of analyse() once every member of @p analysis has member, summary, observation and
/// birthdayNextWeek: segments, the fit (from @p warmStart when given, see BgNbdFitOptions),
/// predictions, warnings and the fleet counts. @p options must have passed checkAnalysisOptions().
void completeAnalysis(Analysis &analysis, const AnalysisOptions &options,
                      const std::optional<BgNbdParams> &warmStart = std::nullopt);

} // namespace tapledger::crm
