#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

namespace tapledger::sync::cli {

/// A progress bar on stderr for long `tapledger-hq` jobs, drawn only when stderr is a terminal
/// (isatty), so scripts and tests see clean output. `[#####.....]  5/10 segments`.
class ProgressBar
{
public:
    /// A bar labelled @p label; inactive when stderr is not a terminal.
    explicit ProgressBar(std::string label);
    /// Clears the bar's line (when one was drawn).
    ~ProgressBar();
    ProgressBar(const ProgressBar &) = delete;
    ProgressBar &operator=(const ProgressBar &) = delete;

    /// Redraws the bar at @p done of @p total steps (total 0 draws nothing).
    void update(size_t done, size_t total);
    /// True when the bar draws (stderr is a terminal).
    bool active() const noexcept { return m_active; }

private:
    std::string m_label;
    bool m_active = false;
    bool m_drawn = false;
};

} // namespace tapledger::sync::cli
