#include "controllers/rewardscontroller.h"


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
    m_rewards.setRewards(engine().policy().rewards, m_points,
                         [svc](int64_t minor) { return svc ? svc->money(minor) : QString(); });
    Q_EMIT changed();
}

void RewardsController::clear()
{
    m_points = 0;
    m_rewards.clear();
    Q_EMIT changed();
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
