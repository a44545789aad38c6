#pragma once

#include "controllers/feedbackcontroller.h"
#include "controllers/historycontroller.h"
#include "controllers/memberhomecontroller.h"
#include "controllers/receiptcontroller.h"
#include "controllers/rewardscontroller.h"
#include "kiosk/kioskcardfixture.h"
#include "services/statusservice.h"

#include <QAbstractItemModelTester>
#include <cstdint>
#include <memory>
#include <ostream>
#include <vector>

namespace tapledger::test {

/// A member's balances: deposit and bonus in minor units, points.
struct Balances
{
    int64_t deposit = 0, bonus = 0, points = 0;
    bool operator==(const Balances &) const = default;
};

std::ostream &operator<<(std::ostream &os, const Balances &b);

/// KioskCardFixture plus a StatusService and every guest screen controller, wired as main.cpp
/// does (rewards and payment write cards too). Every model runs under a fatal
/// QAbstractItemModelTester.
class GuestFlows : public KioskCardFixture
{
protected:
    void SetUp() override;

    /// Every guest and staff controller.
    std::vector<kiosk::ControllerBase *> controllers() override;
    /// The engine's balances of @p member (zero, and a failure, when it has none).
    Balances balances(const Uuid &member);
    /// Taps @p card again and returns the balances on its chip (zero without a written state).
    Balances chip(const std::shared_ptr<nfc::DesfireEmulator> &card);
    /// Enrols "Li Wei" with @p points, issues @p card (blank) to her, tops up 3,000.00 with the
    /// card (so its chip holds deposit 3,000.00, bonus 900.00 and the points), logs staff out and
    /// leaves her guest session open with the card on the reader.
    Uuid memberWithCard(const std::shared_ptr<nfc::DesfireEmulator> &card, int64_t points);
    /// Every guest screen shows no member data.
    void expectGuestScreensEmpty();

    std::unique_ptr<kiosk::StatusService> status;
    kiosk::MemberHomeController home;
    kiosk::RewardsController rewards;
    kiosk::HistoryController history;
    kiosk::ReceiptController receipt;
    kiosk::FeedbackController feedback;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

} // namespace tapledger::test
