#include "sync/hq/cli/progressbar.h"

#include <unistd.h>

namespace tapledger::sync::cli {

ProgressBar::ProgressBar(std::string label) : m_label(std::move(label)), m_active(isatty(STDERR_FILENO) == 1)
{}

ProgressBar::~ProgressBar()
{
    if (m_drawn)
        std::fputs("\r\033[K", stderr);
}

void ProgressBar::update(size_t done, size_t total)
{
    if (!m_active || total == 0)
        return;
    constexpr size_t kWidth = 30;
    const size_t filled = done >= total ? kWidth : done * kWidth / total;
    const std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
    std::fprintf(stderr, "\r[%s] %zu/%zu %s", bar.c_str(), done, total, m_label.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

} // namespace tapledger::sync::cli
