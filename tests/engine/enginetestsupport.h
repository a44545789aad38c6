#pragma once

#include "core/engine/engine.h"
#include "core/engine/manualclock.h"
#include "core/engine/policy.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <vector>
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

/// One refused call of an error-path table: what it is, the code it must fail with, and the call.
struct ErrorCase
{
    std::string what;
    ErrorCode code;
    std::function<Result<void>()> run;
};

/// The outcome of @p r without its value.
template<typename T>
Result<void> outcome(const Result<T> &r)
{
    if (!r)
        return r.error();
    return {};
}

/// Runs every case: each must fail with its code and a message, and the ledger must not grow.
void expectRefusedAndNothingWritten(Engine &engine, const std::vector<ErrorCase> &cases);

/// An engine on base.policy.json at 2026-01-01 10:00 UTC with member "ann" (PIN 1234, phone
/// +33 6 12 34 56 78) holding card annCard, and a cashier, a supervisor (PIN 4321 each).
class EngineFixture : public ::testing::Test
{
protected:
    void SetUp() override;
    Engine &engine() { return *t.engine; }
    /// Enrols a member with @p handle, @p name, @p phone (PIN 1234); fails the test otherwise.
    Uuid enrol(const std::string &handle, const std::string &name, const std::string &phone = "");

    TempDir tmp;
    Policy policy;
    TestEngine t;
    Uuid ann, annCard, cashier, supervisor;
};

} // namespace tapledger::test
