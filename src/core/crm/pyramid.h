#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace tapledger::crm {

/// A level of the customer pyramid (docs/crm.md, "Customer pyramid").
enum class PyramidLevel : uint8_t { Vip, Major, Ordinary, Small };

/// "vip", "major", "ordinary", "small".
std::string_view pyramidLevelName(PyramidLevel level) noexcept;

/// Thresholds in basis points of the member count (100 = 1 %): a member is at the first level
/// whose threshold exceeds the share of members who spent strictly more. Each 0..10000, in
/// ascending order (the caller checks).
struct PyramidOptions
{
    int64_t vipBp = 100;
    int64_t majorBp = 500;
    int64_t ordinaryBp = 2000;
};

/// The pyramid of a set of members.
struct Pyramid
{
    std::vector<PyramidLevel> levels;   ///< per member, in input order
    std::array<size_t, 4> counts{};     ///< members per level, indexed by PyramidLevel
    /// Spend of the ⌈N/5⌉ top spenders over all spend; nullopt when N = 0 or total spend <= 0.
    std::optional<double> topFifthShare;
};

/// Classifies members by their window spend @p spendMinor (minor units), exactly in integers.
Pyramid pyramid(std::span<const int64_t> spendMinor, const PyramidOptions &options = {});

} // namespace tapledger::crm
