#include "sync/hq/reports/svgchart.h"

#include "sync/hq/reports/htmlpage.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tapledger::sync {

namespace {
constexpr double kWidth = 760, kHeight = 340;
constexpr double kLeft = 70, kRight = 20, kTop = 40, kBottom = 60;
constexpr const char *kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

/// A tick label: integers without decimals, others with two.
std::string tick(double v)
{
    char buf[32];
    if (std::fabs(v - std::round(v)) < 1e-9)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

/// A step of 1, 2 or 5 × 10^k giving about five ticks over @p span (> 0).
double niceStep(double span)
{
    const double raw = span / 5;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * mag >= raw)
            return m * mag;
    }
    return 10 * mag;
}

/// The axis range [lo, hi] covering [minV, maxV] and 0, on multiples of the step.
struct Axis
{
    double lo = 0, hi = 1, step = 1;
    /// @p integral: every value is a whole number (counts, points), so ticks are too.
    Axis(double minV, double maxV, bool integral)
    {
        minV = std::min(minV, 0.0);
        maxV = std::max(maxV, 0.0);
        if (maxV - minV <= 0)
            maxV = minV + (integral ? 5 : 1);
        step = niceStep(maxV - minV);
        if (integral)
            step = std::max(step, 1.0);
        lo = std::floor(minV / step) * step;
        hi = std::ceil(maxV / step) * step;
    }
    double at(double v, double from, double to) const { return from + (v - lo) / (hi - lo) * (to - from); }
};

std::string open(std::string_view title)
{
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
           "\" width=\"100%\" style=\"max-width:" + num(kWidth) +
           "px\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">"
           "<title>" +
           HtmlPage::escape(title) +
           "</title>"
           "<text x=\"" +
           num(kWidth / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" +
           HtmlPage::escape(title) + "</text>";
}

std::string text(double x, double y, std::string_view s, std::string_view extra = "")
{
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"" + (extra.empty() ? "" : " ") +
           std::string(extra) + ">" + HtmlPage::escape(s) + "</text>";
}

std::string lineSvg(double x1, double y1, double x2, double y2, std::string_view style)
{
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
           "\" " + std::string(style) + "/>";
}

/// Horizontal grid lines with tick labels on the left, and the y label.
std::string yAxis(const Axis &y, std::string_view label)
{
    std::string out;
    for (double v = y.lo; v <= y.hi + y.step / 2; v += y.step) {
        const double py = y.at(v, kHeight - kBottom, kTop);
        out += lineSvg(kLeft, py, kWidth - kRight, py, "stroke=\"#e5e5e5\"");
        out += text(kLeft - 6, py + 4, tick(v), "text-anchor=\"end\"");
    }
    out += text(16, (kTop + kHeight - kBottom) / 2, label,
                "text-anchor=\"middle\" transform=\"rotate(-90 16 " + num((kTop + kHeight - kBottom) / 2) +
                    ")\"");
    return out;
}
} // namespace

double SvgChart::major(int64_t minor, int exponent)
{
    return static_cast<double>(minor) / std::pow(10.0, exponent);
}

std::string SvgChart::lines(std::string_view title, const std::vector<std::string> &xLabels,
                            const std::vector<Series> &series, std::string_view yLabel)
{
    double minV = 0, maxV = 0;
    bool integral = true;
    for (const auto &s : series) {
        for (const double v : s.values) {
            minV = std::min(minV, v);
            maxV = std::max(maxV, v);
            integral = integral && std::fabs(v - std::round(v)) < 1e-9;
        }
    }
    const Axis y(minV, maxV, integral);
    std::string out = open(title) + yAxis(y, yLabel);
    const size_t n = xLabels.size();
    const auto px = [&](size_t i) {
        return n <= 1
                   ? (kLeft + kWidth - kRight) / 2
                   : kLeft + static_cast<double>(i) / static_cast<double>(n - 1) * (kWidth - kRight - kLeft);
    };
    // About 80 px per label (a date at font size 10 is ~60 px): at most one label per that, the
    // first starting at the axis, the last (the as-of date) always shown and ending at its edge.
    const auto plot = kWidth - kRight - kLeft;
    const size_t fit = std::max<size_t>(2, static_cast<size_t>(plot / 80));
    const size_t every = n <= fit ? 1 : (n - 1 + fit - 2) / (fit - 1);
    for (size_t i = 0; i < n; i += every) {
        if (i != n - 1 && n - 1 - i < every)
            continue; // too close to the last label
        const char *anchor = n == 1 ? "middle" : i == 0 ? "start" : i == n - 1 ? "end" : "middle";
        out += text(px(i), kHeight - kBottom + 16, xLabels[i],
                    "text-anchor=\"" + std::string(anchor) + "\" font-size=\"10\"");
    }
    if (n > 1 && (n - 1) % every != 0)
        out += text(px(n - 1), kHeight - kBottom + 16, xLabels[n - 1], "text-anchor=\"end\" font-size=\"10\"");
    out += lineSvg(kLeft, y.at(0, kHeight - kBottom, kTop), kWidth - kRight, y.at(0, kHeight - kBottom, kTop),
                   "stroke=\"#888\"");
    for (size_t s = 0; s < series.size(); ++s) {
        const char *colour = kPalette[s % std::size(kPalette)];
        std::string points;
        for (size_t i = 0; i < std::min(n, series[s].values.size()); ++i)
            points +=
                (i ? " " : "") + num(px(i)) + "," + num(y.at(series[s].values[i], kHeight - kBottom, kTop));
        out += "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"2\" points=\"" +
               points + "\"/>";
        if (n == 1 && !series[s].values.empty())
            out += "<circle cx=\"" + num(px(0)) + "\" cy=\"" +
                   num(y.at(series[s].values[0], kHeight - kBottom, kTop)) + "\" r=\"3\" fill=\"" + colour +
                   "\"/>";
        const double lx = kLeft + 10 + static_cast<double>(s) * 170;
        out += "<rect x=\"" + num(lx) + "\" y=\"" + num(kHeight - 24) +
               "\" width=\"14\" height=\"4\" fill=\"" + colour + "\"/>";
        out += text(lx + 20, kHeight - 18, series[s].name);
    }
    return out + "</svg>";
}

std::string SvgChart::pyramid(std::string_view title, const std::vector<Level> &levels)
{
    std::string out = open(title);
    int64_t most = 1;
    for (const auto &l : levels)
        most = std::max(most, l.count);
    const double rows = static_cast<double>(std::max<size_t>(1, levels.size()));
    const double band = (kHeight - kTop - 20) / rows;
    const double full = kWidth - 2 * 150;
    for (size_t i = 0; i < levels.size(); ++i) {
        const double w =
            std::max(2.0, full * static_cast<double>(levels[i].count) / static_cast<double>(most));
        const double y = kTop + static_cast<double>(i) * band;
        out += "<rect x=\"" + num((kWidth - w) / 2) + "\" y=\"" + num(y + 4) + "\" width=\"" + num(w) +
               "\" height=\"" + num(band - 8) + "\" fill=\"" + kPalette[i % std::size(kPalette)] +
               "\" opacity=\"0.8\"/>";
        out += text(20, y + band / 2 + 4, levels[i].name, "font-weight=\"bold\"");
        out += text(kWidth - 20, y + band / 2 + 4, std::to_string(levels[i].count) + " members",
                    "text-anchor=\"end\"");
    }
    return out + "</svg>";
}

std::string SvgChart::scatter(std::string_view title, const std::vector<Point> &points,
                              std::string_view xLabel, std::string_view yLabel,
                              const std::vector<std::string> &groups)
{
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
    bool wholeX = true, wholeY = true;
    for (const auto &p : points) {
        minX = std::min(minX, p.x);
        maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y);
        maxY = std::max(maxY, p.y);
        wholeX = wholeX && std::fabs(p.x - std::round(p.x)) < 1e-9;
        wholeY = wholeY && std::fabs(p.y - std::round(p.y)) < 1e-9;
    }
    const Axis x(minX, maxX, wholeX), y(minY, maxY, wholeY);
    std::string out = open(title) + yAxis(y, yLabel);
    for (double v = x.lo; v <= x.hi + x.step / 2; v += x.step)
        out +=
            text(x.at(v, kLeft, kWidth - kRight), kHeight - kBottom + 16, tick(v), "text-anchor=\"middle\"");
    out += text((kLeft + kWidth - kRight) / 2, kHeight - kBottom + 34, xLabel, "text-anchor=\"middle\"");
    for (const auto &p : points)
        out += "<circle cx=\"" + num(x.at(p.x, kLeft, kWidth - kRight)) + "\" cy=\"" +
               num(y.at(p.y, kHeight - kBottom, kTop)) + "\" r=\"5\" fill=\"" +
               kPalette[p.group % std::size(kPalette)] + "\" fill-opacity=\"0.7\"><title>" +
               HtmlPage::escape(p.label) + "</title></circle>";
    for (size_t g = 0; g < groups.size(); ++g) {
        const double lx = kLeft + 10 + static_cast<double>(g) * 170;
        out += "<circle cx=\"" + num(lx + 5) + "\" cy=\"" + num(kHeight - 10) + "\" r=\"5\" fill=\"" +
               kPalette[g % std::size(kPalette)] + "\"/>";
        out += text(lx + 16, kHeight - 6, groups[g]);
    }
    return out + "</svg>";
}

} // namespace tapledger::sync
