#include "controllers/topupcontroller.h"


#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

TopUpController::TopUpController(QObject *parent) : ControllerBase(parent) {}

QVariantList TopUpController::tiers() const
{
    QVariantList out;
    if (!engineService())
        return out;
    const EngineService &svc = *engineService();
    for (const TopUpTier &t : engine().policy().storedValue.tiers) {
        const QString min = svc.money(t.min), max = t.max ? svc.money(*t.max) : QString();
        const QString bonus = svc.money(t.bonus);
        const QString range = t.max ? tr("%1 – %2").arg(min, max) : tr("%1 or more").arg(min);
        out << QVariantMap{{u"min"_s, min}, {u"max"_s, max}, {u"bonus"_s, bonus},
                           {u"label"_s, tr("%1: bonus %2").arg(range, bonus)}};
    }
    return out;
}

QString TopUpController::minTopUp() const
{
    return engineService() ? engineService()->money(engine().policy().storedValue.minTopUp) : QString();
}

QString TopUpController::maxTopUp() const
{
    if (!engineService() || engine().policy().storedValue.maxTopUp == 0)
        return {};
    return engineService()->money(engine().policy().storedValue.maxTopUp);
}

QString TopUpController::bonusFor(const QString &amountText) const
{
    if (!engineService())
        return {};
    auto amount = engineService()->parseMoney(amountText);
    if (!amount || *amount <= 0)
        return {};
    const TopUpTier *tier = engine().policy().topUpTier(*amount);
    return engineService()->money(tier ? tier->bonus : 0);
}

void TopUpController::topUp(const QString &amountText, const QString &payMethod)
{
    if (busy())
        return;
    const auto amount = staffMemberAmount(amountText);
    if (!amount) {
        Q_EMIT failed();
        return;
    }
    TopUpRequest request;
    request.member = session()->member();
    request.amount = *amount;
    request.payMethod = payMethod.toStdString();
    request.staff = session()->staffId();
    request.card = session()->memberCard();
    const QString title = tr("Top-up %1").arg(engineService()->money(*amount));
    spend(
        title, [this, request] { return engine().topUp(request); },
        [this] { Q_EMIT toppedUp(); }, [this] { Q_EMIT failed(); });
}

} // namespace tapledger::kiosk
