#include "controllers/rewardscontroller.h"

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

RewardsController::RewardsController(QObject *parent) : ControllerBase(parent) {}

void RewardsController::refresh()
{
    if (!hasMember()) {
        clear();
        return;
    }
    m_points = engine().ledger().balance(session()->member()).points;
    QPointer<EngineService> svc = engineService();
    const Engine &e = engine();
    m_rewards.setRewards(
        engine().policy().rewards, m_points, [svc](int64_t minor) { return svc ? svc->money(minor) : QString(); },
        [&e](const std::string &id) -> std::optional<int64_t> {
            // A stock the engine cannot read shows as no limit: the redeem itself still checks it.
            auto left = e.rewardStockLeft(id);
            return left ? *left : std::nullopt;
        });
    Q_EMIT changed();
}

void RewardsController::clear()
{
    m_points = 0;
    m_rewards.clear();
    Q_EMIT changed();
}

QVariantMap RewardsController::preview(const QString &rewardId, qint64 points) const
{
    if (!hasMember())
        return {};
    const Reward *reward = engine().policy().reward(rewardId.toStdString());
    if (!reward)
        return {};
    const EngineService &svc = *engineService();
    const MemberBalance b = engine().ledger().balance(session()->member());
    const int64_t cost = reward->variable ? points : reward->points;
    // A variable reward's bonus as the engine credits it (Rounding::Floor, enginerewards.cpp).
    int64_t credit = 0;
    if (reward->variable) {
        auto c = reward->valuePerPoint.applyTo(cost, Rounding::Floor);
        credit = c ? *c : 0;
    }
    const int64_t stored = b.deposit + b.bonus;
    return {{u"name"_s, EngineService::displayText(reward->name)},
            {u"points"_s, static_cast<qint64>(cost)},
            {u"pointsBefore"_s, static_cast<qint64>(b.points)},
            {u"pointsAfter"_s, static_cast<qint64>(b.points - cost)},
            {u"cash"_s, reward->cash ? svc.money(reward->cash) : QString()},
            {u"storedBefore"_s, svc.money(stored)},
            {u"storedAfter"_s, svc.money(stored - reward->cash + credit)},
            {u"credit"_s, reward->variable ? svc.money(credit) : QString()}};
}

void RewardsController::redeem(const QString &rewardId, qint64 points, const QString &pin)
{
    if (!hasMember() || busy())
        return;
    clearError();
    RedeemRequest request;
    request.member = session()->member();
    request.reward = rewardId.toStdString();
    request.points = points;
    request.pin = pin.toStdString();
    request.payMethod = kPayStoredValue;
    request.card = session()->memberCard();
    const Reward *reward = engine().policy().reward(request.reward);
    const QString title = reward ? qs(reward->name) : rewardId;
    spend(
        title, [this, request] { return engine().redeem(request); },
        [this] { Q_EMIT redeemed(); }, [this] { Q_EMIT failed(); });
}

} // namespace tapledger::kiosk
