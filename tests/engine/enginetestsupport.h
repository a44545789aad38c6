#pragma once

#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policy.h"

#include <filesystem>
#include <memory>
#include <string>

namespace tapledger::test {

/// A policy from tests/data/engine/policies/<name>; fails the test when it does not parse.
Policy loadTestPolicy(const std::string &name);

/// An engine on a fresh data dir under @p dir with a ManualClock at @p startMs.
struct TestEngine
{
    std::shared_ptr<ManualClock> clock;
    std::unique_ptr<Engine> engine;
};
TestEngine makeTestEngine(const std::filesystem::path &dir, const Policy &policy, int64_t startMs);

/// 2026-01-01T00:00:00Z in UTC ms.
inline constexpr int64_t kJan2026 = 1767225600000;

} // namespace tapledger::test
