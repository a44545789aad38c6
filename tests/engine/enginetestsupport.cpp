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

void expectRefusedAndNothingWritten(Engine &engine, const std::vector<ErrorCase> &cases)
{
    for (const auto &c : cases) {
        const uint64_t size = engine.ledger().size();
        auto r = c.run();
        ASSERT_FALSE(r.ok()) << c.what;
        EXPECT_EQ(r.error().code, c.code) << c.what << ": " << r.error().message;
        EXPECT_FALSE(r.error().message.empty()) << c.what;
        EXPECT_EQ(engine.ledger().size(), size) << c.what << " wrote entries";
    }
    EXPECT_TRUE(engine.ledger().verify().ok);
}

void EngineFixture::SetUp()
{
    policy = loadTestPolicy("base.policy.json");
    t = makeTestEngine(tmp.path(), policy, kJan2026 + 10 * 3600'000);
    ASSERT_TRUE(t.engine);
    ann = enrol("ann", "Ann", "+33 6 12 34 56 78");
    annCard = Uuid::generate();
    ASSERT_TRUE(engine().issueCard(ann, annCard, Uuid()).ok());
    cashier = Uuid::generate();
    supervisor = Uuid::generate();
    ASSERT_TRUE(engine().registerStaff({cashier, "Carl", Card::Role::Cashier, "4321"}).ok());
    ASSERT_TRUE(engine().registerStaff({supervisor, "Sue", Card::Role::Supervisor, "4321"}).ok());
}

Uuid EngineFixture::enrol(const std::string &handle, const std::string &name, const std::string &phone)
{
    EnrolRequest r{Uuid(), handle, name, "", "1234", Uuid()};
    r.phone = phone;
    auto receipt = engine().enrol(r);
    EXPECT_TRUE(receipt.ok()) << (receipt ? "" : receipt.error().message);
    return receipt ? receipt->member : Uuid();
}

} // namespace tapledger::test
