#include "kiosk/kioskfixture.h"

#include "core/engine/venuecalendar.h"
#include "engine/enginetestsupport.h"
#include "kiosk/kiosktestsupport.h"

#include <QString>
#include <utility>

namespace tapledger::test {

using namespace tapledger::kiosk;

void KioskFixture::SetUp()
{
    const Policy policy = examplePolicy();
    auto t = makeTestEngine(dir.path(), policy, kJan2026 + 10 * 3'600'000); // 18:00 in Shanghai
    ASSERT_TRUE(t.engine);
    clock = t.clock;
    auto calendar = VenueCalendar::create(policy.timezone, policy.weekStart);
    ASSERT_TRUE(calendar.ok());
    ASSERT_TRUE(t.engine->registerStaff({kCashier, "Ann Cashier", Card::Role::Cashier, kCashierPin}).ok());
    ASSERT_TRUE(
        t.engine->registerStaff({kSupervisor, "Sam Super", Card::Role::Supervisor, kSupervisorPin}).ok());
    engineService = std::make_unique<EngineService>(std::move(t.engine), std::move(*calendar), clock);
    session = std::make_unique<SessionService>(30'000, 900'000);
    for (ControllerBase *c : controllers()) {
        c->setEngineService(engineService.get());
        c->setSession(session.get());
    }
}

std::vector<ControllerBase *> KioskFixture::controllers()
{
    return {&login, &enrol, &topUp, &payment, &lookup, &replace, &adjust, &shift, &device};
}

bool KioskFixture::loginAs(const Uuid &staff, const char *pin)
{
    session->expectStaffPin(staff);
    return login.login(QString::fromLatin1(pin));
}

MemberView KioskFixture::view(const Uuid &member)
{
    auto v = engine().member(member);
    EXPECT_TRUE(v.ok());
    return v ? *v : MemberView{};
}

} // namespace tapledger::test
