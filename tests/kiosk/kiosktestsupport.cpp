#include "kiosk/kiosktestsupport.h"

#include "core/engine/policyparser.h"
#include "support/testsupport.h"

#include <QCoreApplication>
#include <memory>
#include <string>
#include <utility>

namespace tapledger::test {

namespace {

class QtAppEnvironment : public ::testing::Environment
{
public:
    explicit QtAppEnvironment(const char *appName) : m_name(appName) {}
    void SetUp() override { m_app = std::make_unique<QCoreApplication>(m_argc, m_argv); }
    void TearDown() override { m_app.reset(); }

private:
    std::string m_name;
    int m_argc = 1; // QCoreApplication keeps references to argc and argv
    char *m_argv[2] = {m_name.data(), nullptr};
    std::unique_ptr<QCoreApplication> m_app;
};

} // namespace

Policy examplePolicy()
{
    auto p = PolicyParser::load(dataPath("../../docs/examples/hotel-restaurant.policy.json"));
    if (!p) {
        ADD_FAILURE() << p.error().message;
        return Policy{};
    }
    p->pin.scryptLog2N = 10; // test speed; the rules are the same
    return std::move(*p);
}

::testing::Environment *addQtAppEnvironment(const char *appName)
{
    return ::testing::AddGlobalTestEnvironment(new QtAppEnvironment(appName));
}

} // namespace tapledger::test
