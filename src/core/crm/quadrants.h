#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace tapledger::crm {

/// Frequency × average-spend quadrant (docs/crm.md, "Frequency × average-spend quadrants"):
/// B high/high (keep), A high spend / low frequency, D high frequency / low spend, C low/low.
enum class Quadrant : uint8_t { A, B, C, D };

/// "A", "B", "C", "D".
std::string_view quadrantName(Quadrant quadrant) noexcept;

/// A member's window visits (>= 0) and window spend (minor units).
struct VisitSpend
{
    int64_t visits = 0;
    int64_t spendMinor = 0;
};

/// Per member (input order) its quadrant; nullopt for a member with no visit. The medians are over
/// the members with a visit; "high" is strictly above the median. Exact integer arithmetic.
std::vector<std::optional<Quadrant>> quadrants(std::span<const VisitSpend> members);

} // namespace tapledger::crm
