#include "controllers/paymentcontroller.h"


namespace tapledger::kiosk {

PaymentController::PaymentController(QObject *parent) : ControllerBase(parent) {}

QStringList PaymentController::categories() const
{
    QStringList out{QString::fromLatin1(kDefaultCategory)};
    if (!engineService())
        return out;
    for (const auto &item : engine().policy().priceList) {
        const QString c = qs(item.category);
        if (!out.contains(c))
            out << c;
    }
    return out;
}

void PaymentController::pay(const QString &amountText, const QString &pin, const QString &category)
{
    submit(amountText, category, QString::fromLatin1(kPayStoredValue), pin);
}

QString PaymentController::confirmation(const QString &amountText, const QString &payMethod)
{
    const auto amount = staffMemberAmount(amountText);
    if (!amount)
        return {};
    const QString money = engineService()->money(*amount);
    if (payMethod.isEmpty() || payMethod == QLatin1StringView(kPayStoredValue))
        return tr("Charge %1 to %2's stored value").arg(money, session()->memberName());
    return tr("Record %1 paid by %2 for %3")
        .arg(money, engineService()->text(payMethod), session()->memberName());
}

void PaymentController::recordPurchase(const QString &amountText, const QString &category, const QString &payMethod)
{
    submit(amountText, category, payMethod, {});
}

void PaymentController::submit(const QString &amountText, const QString &category, const QString &payMethod,
                               const QString &pin)
{
    if (busy())
        return;
    const auto amount = staffMemberAmount(amountText);
    if (!amount) {
        Q_EMIT failed();
        return;
    }
    PurchaseItem item;
    item.category = category.trimmed().isEmpty() ? kDefaultCategory : category.trimmed().toStdString();
    item.amount = *amount;
    PurchaseRequest request;
    request.member = session()->member();
    request.items = {item};
    request.payMethod = payMethod.toStdString();
    request.pin = pin.toStdString();
    request.staff = session()->staffId();
    request.card = session()->memberCard();
    const QString title = payMethod == QLatin1StringView(kPayStoredValue)
                              ? tr("Payment %1").arg(engineService()->money(*amount))
                              : tr("Purchase %1").arg(engineService()->money(*amount));
    spend(
        title, [this, request] { return engine().purchase(request); },
        [this] { Q_EMIT paid(); }, [this] { Q_EMIT failed(); });
}

} // namespace tapledger::kiosk
