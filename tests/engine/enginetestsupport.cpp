#include "enginetestsupport.h"

#include "core/engine/policyparser.h"
#include "support/testsupport.h"

#include <gtest/gtest.h>

namespace tapledger::test {

Policy loadTestPolicy(const std::string &name)
{
    auto p = PolicyParser::load(dataPath("engine/policies/" + name));
    if (!p) {
        ADD_FAILURE() << name << ": " << p.error().message;
        return Policy{};
    }
    return std::move(*p);
}

TestEngine makeTestEngine(const std::filesystem::path &dir, const Policy &policy, int64_t startMs)
{
    TestEngine t;
    t.clock = std::make_shared<ManualClock>(startMs);
    auto e = Engine::init(dir / "data", "test-kiosk", policy, t.clock);
    if (!e)
        ADD_FAILURE() << "engine init: " << e.error().message;
    else
        t.engine = std::move(*e);
    return t;
}

} // namespace tapledger::test
