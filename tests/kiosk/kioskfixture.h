#pragma once

#include "controllers/adjustcontroller.h"
#include "controllers/devicestatuscontroller.h"
#include "controllers/enrolcontroller.h"
#include "controllers/lookupcontroller.h"
#include "controllers/paymentcontroller.h"
#include "controllers/replacecardcontroller.h"
#include "controllers/shiftcontroller.h"
#include "controllers/stafflogincontroller.h"
#include "controllers/topupcontroller.h"
#include "core/engine/manualclock.h"
#include "services/engineservice.h"
#include "services/sessionservice.h"
#include "support/testsupport.h"

#include <cstdint>
#include <gtest/gtest.h>
#include <memory>
#include <vector>

namespace tapledger::test {

/// A real Engine on a temp data dir with examplePolicy() at 2026-01-01 18:00 in the venue zone
/// (Asia/Shanghai) on a ManualClock, kCashier and kSupervisor registered, an EngineService, a
/// SessionService (guest idle 30 s, staff idle 15 min) and the staff controllers, wired as
/// main.cpp does (services set as properties).
class KioskFixture : public ::testing::Test
{
protected:
    void SetUp() override;

    /// The controllers SetUp wires to the services, in order; the staff controllers by default.
    virtual std::vector<kiosk::ControllerBase *> controllers();

    Engine &engine() { return engineService->engine(); }
    /// Entries in the ledger.
    uint64_t height() { return engine().ledger().size(); }
    /// Taps staff card @p staff and enters @p pin.
    bool loginAs(const Uuid &staff, const char *pin);
    /// The engine's view of @p member (an empty view, and a failure, when it has none).
    MemberView view(const Uuid &member);

    TempDir dir;
    std::shared_ptr<ManualClock> clock;
    std::unique_ptr<kiosk::EngineService> engineService;
    std::unique_ptr<kiosk::SessionService> session;
    kiosk::StaffLoginController login;
    kiosk::EnrolController enrol;
    kiosk::TopUpController topUp;
    kiosk::PaymentController payment;
    kiosk::LookupController lookup;
    kiosk::ReplaceCardController replace;
    kiosk::AdjustController adjust;
    kiosk::ShiftController shift;
    kiosk::DeviceStatusController device;
};

} // namespace tapledger::test
