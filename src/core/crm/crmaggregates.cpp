#include "core/crm/crmaggregates.h"

#include "core/checkedmath.h"
#include "core/crm/churn.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <limits>

namespace tapledger::crm {

namespace {
__extension__ typedef __int128 Wide;
constexpr int32_t kNoVisit = std::numeric_limits<int32_t>::max();

size_t stringHeap(const std::string &s)
{
    return s.capacity() > 15 ? s.capacity() + 1 : 0; // beyond libstdc++'s small-string buffer
}
} // namespace

size_t CrmAggregates::addMember(std::string member, std::string birthday)
{
    Member m;
    m.id = std::move(member);
    m.birthday = std::move(birthday);
    m.firstVisit = kNoVisit;
    m_members.push_back(std::move(m));
    return m_members.size() - 1;
}

Result<void> CrmAggregates::addTo(Member &m, const DayAmount &p, int64_t asOfDay, int64_t windowStart)
{
    if (p.amountMinor < 0)
        return fail(ErrorCode::InvalidArgument, "a purchase amount must not be negative");
    if (p.day < std::numeric_limits<int32_t>::min() || p.day >= kNoVisit)
        return fail(ErrorCode::InvalidArgument, "a purchase day is out of range");
    const auto day = static_cast<int32_t>(p.day);
    auto it = std::lower_bound(m.days.begin(), m.days.end(), day, [](const Day &d, int32_t v) { return d.day < v; });
    if (it == m.days.end() || it->day != day) {
        it = m.days.insert(it, Day{day, false, 0});
        // The pointers count days before them: a new day before one shifts it.
        if (day < windowStart)
            ++m.begin;
        if (day <= asOfDay)
            ++m.end;
    }
    const int64_t delta = p.isReturn ? -p.amountMinor : p.amountMinor;
    auto net = checkedAdd(it->netMinor, delta, "a day's spend");
    if (!net)
        return std::move(net).error();
    it->netMinor = *net;
    const bool counted = day <= asOfDay;
    const bool inWindow = counted && day >= windowStart;
    if (inWindow)
        m.windowSpend += delta;
    if (!p.isReturn && !it->visit) {
        it->visit = true;
        m.firstVisit = std::min(m.firstVisit, day);
        if (counted) {
            m.lastVisit = m.totalVisits == 0 ? day : std::max(m.lastVisit, day);
            ++m.totalVisits;
        }
        if (inWindow)
            ++m.windowVisits;
    }
    return {};
}

Result<void> CrmAggregates::add(size_t index, std::span<const DayAmount> purchases)
{
    assert(index < m_members.size());
    // Applied to a copy, so a bad purchase leaves the member as it was.
    Member m = m_members[index];
    m.days.reserve(m.days.size() + purchases.size());
    for (const DayAmount &p : purchases)
        TL_TRY(addTo(m, p, m_asOfDay, m_windowStart));
    m_members[index] = std::move(m);
    return {};
}

void CrmAggregates::moveTo(Member &m, int64_t asOfDay, int64_t windowStart)
{
    const auto n = static_cast<uint32_t>(m.days.size());
    const auto window = [&m](const Day &d, int sign) {
        m.windowVisits += d.visit ? sign : 0;
        m.windowSpend += sign * static_cast<Wide>(d.netMinor);
    };
    const auto count = [&m, &window](const Day &d, int sign, bool inWindow) {
        m.totalVisits += d.visit ? sign : 0;
        if (inWindow)
            window(d, sign);
    };
    // The as-of end first (begin <= end holds before and after), then the window start.
    while (m.end < n && m.days[m.end].day <= asOfDay) {
        const Day &d = m.days[m.end];
        count(d, +1, m.end >= m.begin);
        if (d.visit)
            m.lastVisit = d.day;
        ++m.end;
    }
    bool lastLeft = false;
    while (m.end > 0 && m.days[m.end - 1].day > asOfDay) {
        --m.end;
        const Day &d = m.days[m.end];
        count(d, -1, m.end >= m.begin);
        lastLeft = lastLeft || d.visit;
    }
    if (lastLeft && m.totalVisits > 0) {
        uint32_t i = m.end;
        while (!m.days[i - 1].visit)
            --i;
        m.lastVisit = m.days[i - 1].day;
    }
    while (m.begin < n && m.days[m.begin].day < windowStart) {
        if (m.begin < m.end)
            window(m.days[m.begin], -1);
        ++m.begin;
    }
    while (m.begin > 0 && m.days[m.begin - 1].day >= windowStart) {
        --m.begin;
        if (m.begin < m.end)
            window(m.days[m.begin], +1);
    }
}

Result<Analysis> CrmAggregates::analyse(const AnalysisOptions &options, const std::optional<BgNbdParams> &warmStart)
{
    TL_TRY(checkAnalysisOptions(options));
    const int64_t asOf = options.asOfDay, start = options.asOfDay - options.windowDays + 1;
    const auto n = static_cast<std::ptrdiff_t>(m_members.size());
#pragma omp parallel for num_threads(options.threads) schedule(static)
    for (std::ptrdiff_t i = 0; i < n; ++i)
        moveTo(m_members[static_cast<size_t>(i)], asOf, start);
    m_asOfDay = asOf;
    m_windowStart = start;

    std::vector<uint32_t> analysed;
    for (size_t i = 0; i < m_members.size(); ++i) {
        const Member &m = m_members[i];
        if (m.totalVisits == 0)
            continue;
        if (m.windowSpend > std::numeric_limits<int64_t>::max() || m.windowSpend < std::numeric_limits<int64_t>::min())
            return fail(ErrorCode::Overflow, "member spend overflows");
        analysed.push_back(static_cast<uint32_t>(i));
    }
    Analysis out;
    out.members.resize(analysed.size());
    const auto k = static_cast<std::ptrdiff_t>(analysed.size());
#pragma omp parallel for num_threads(options.threads) schedule(static)
    for (std::ptrdiff_t j = 0; j < k; ++j) {
        const Member &m = m_members[analysed[static_cast<size_t>(j)]];
        MemberAnalysis &a = out.members[static_cast<size_t>(j)];
        a.member = m.id;
        a.summary = {m.windowVisits, static_cast<int64_t>(m.windowSpend), m.totalVisits, m.firstVisit, m.lastVisit};
        a.observation = {static_cast<double>(m.totalVisits - 1), static_cast<double>(m.lastVisit - m.firstVisit),
                         static_cast<double>(asOf - m.firstVisit) + 0.5};
        a.birthdayNextWeek = birthdayInComingWeek(m.birthday, asOf);
    }
    completeAnalysis(out, options, warmStart);
    return out;
}

size_t CrmAggregates::bytes() const noexcept
{
    size_t total = sizeof(*this) + m_members.capacity() * sizeof(Member);
    for (const Member &m : m_members)
        total += m.days.capacity() * sizeof(Day) + stringHeap(m.id) + stringHeap(m.birthday);
    return total;
}

} // namespace tapledger::crm
