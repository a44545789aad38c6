#pragma once

#include "core/engine/policy.h"
#include "core/result.h"

#include <filesystem>
#include <string_view>

namespace tapledger {

/// Reads a policy file (JSON, schema "tapledger-policy/1", docs/policy.md) and checks that it is
/// internally consistent. Any defect → InvalidArgument "policy: <field path>: <problem>" and no
/// Policy at all, so nothing of a bad policy is ever applied.
class PolicyParser
{
public:
    /// Parses @p text.
    static Result<Policy> parse(std::string_view text);
    /// Reads and parses @p path; NotFound when it cannot be read.
    static Result<Policy> load(const std::filesystem::path &path);
};

} // namespace tapledger
