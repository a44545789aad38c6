#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tapledger::sync {

/// The reports' charts as inline SVG (docs/crm.md, "Reports"): drawn here and only here, for
/// every report. Values are plain doubles (money already in major units); text is escaped.
/// Every chart is 760 × 340 user units, scales to the page width, and carries a <title>.
class SvgChart
{
public:
    /// One line of a line chart.
    struct Series
    {
        std::string name;           ///< shown in the legend
        std::vector<double> values; ///< one per x label
    };
    /// One dot of a scatter chart.
    struct Point
    {
        double x = 0, y = 0;
        std::string label; ///< the dot's tooltip (<title>), e.g. a member name
        size_t group = 0;  ///< its colour and legend entry: an index into the groups
    };
    /// One bar of the pyramid, top (narrowest, most valuable) first.
    struct Level
    {
        std::string name;
        int64_t count = 0;
    };

    /// @p minor minor units in major units with @p exponent decimals, for drawing only (never sums).
    static double major(int64_t minor, int exponent);

    /// Lines over @p xLabels (e.g. dates; at most ~12 are printed under the axis), y from 0 (or
    /// the lowest value when negative) to a rounded maximum, with a legend.
    static std::string lines(std::string_view title, const std::vector<std::string> &xLabels,
                             const std::vector<Series> &series, std::string_view yLabel);
    /// A customer pyramid: one centred bar per level, width proportional to its count (a bar of
    /// zero members is a thin line), the count and level name on it.
    static std::string pyramid(std::string_view title, const std::vector<Level> &levels);
    /// A scatter of dots at (x, y) coloured by their group, with a legend naming @p groups (e.g.
    /// the quadrants, as the analysis classified each member: the chart draws, it never decides).
    static std::string scatter(std::string_view title, const std::vector<Point> &points,
                               std::string_view xLabel, std::string_view yLabel,
                               const std::vector<std::string> &groups);
};

} // namespace tapledger::sync
