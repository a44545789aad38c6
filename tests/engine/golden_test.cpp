// Table-driven golden scenarios: tests/data/engine/cases/<case>/{policy.txt, script.jsonl,
// expected.json}. Each case runs its script through the Simulator (what `tapledger sim` runs)
// and compares the state JSON, errors included, with the reviewed golden file.
#include "core/engine/simulator.h"
#include "enginetestsupport.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tapledger::test {
namespace {

std::vector<std::string> caseNames()
{
    std::vector<std::string> out;
    for (const auto &entry : std::filesystem::directory_iterator(dataPath("engine/cases")))
        if (entry.is_directory())
            out.push_back(entry.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

class EngineGolden : public ::testing::TestWithParam<std::string>
{
};

TEST_P(EngineGolden, MatchesExpectedState)
{
    const std::string name = GetParam();
    const std::string dir = "engine/cases/" + name;
    const Policy policy = loadTestPolicy(trimmed(readFile(dataPath(dir + "/policy.txt"))));
    TempDir tmp;
    TestEngine t = makeTestEngine(tmp.path(), policy, kJan2026);
    ASSERT_TRUE(t.engine);
    Simulator sim(*t.engine, *t.clock, {});
    std::ifstream script(dataPath(dir + "/script.jsonl"));
    ASSERT_TRUE(script) << "missing script for " << name;
    auto ran = sim.run(script);
    std::optional<Error> error;
    if (!ran)
        error = ran.error();
    const std::string state = sim.stateJson(error);
    expectMatchesGolden(state, dir + "/expected.json");
    // Whatever happened, the ledger and every projection must agree.
    const VerifyReport report = t.engine->ledger().verify();
    EXPECT_TRUE(report.ok) << report.problem;
    // A case named after an error must end in that error (and vice versa for the rest).
    const bool errorCase = name.find("unknown") != std::string::npos || name.find("twice") != std::string::npos ||
                           name.find("bad") != std::string::npos || name.find("insufficient") != std::string::npos ||
                           name.find("backwards") != std::string::npos || name.find("negative-amount") != std::string::npos;
    if (errorCase) {
        EXPECT_TRUE(error.has_value()) << name << " should stop at a bad input";
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, EngineGolden, ::testing::ValuesIn(caseNames()),
                         [](const ::testing::TestParamInfo<std::string> &param) {
                             std::string n = param.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

TEST(EngineGoldenSet, HasAtLeastFortyCases)
{
    EXPECT_GE(caseNames().size(), 40u);
}

} // namespace
} // namespace tapledger::test
