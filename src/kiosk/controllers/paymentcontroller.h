#pragma once

#include "controllers/controllerbase.h"
#include "services/cardservice.h"

#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace tapledger::kiosk {

/// The staff payment screen for the member in session, as open-amount purchases (the engine
/// prices, discounts and awards points): a stored-value payment (staff enters the amount, the
/// member the PIN) and the record of a purchase paid at the till (earns points). With a tapped
/// card the new balances are committed on the card before either is acknowledged (runCardSpend).
class PaymentController : public ControllerBase
{
    Q_OBJECT
    QML_ELEMENT
    /// Categories for an open amount: "general" first, then the price list's categories.
    Q_PROPERTY(QStringList categories READ categories NOTIFY servicesChanged)
    /// Pay methods for recordPurchase() (the policy's, never stored_value).
    Q_PROPERTY(QStringList payMethods READ payMethods NOTIFY servicesChanged)

public:
    /// The category of an open amount when the screen offers none.
    static constexpr const char *kDefaultCategory = "general";

    explicit PaymentController(QObject *parent = nullptr);

    QStringList categories() const;

    /// Charges @p amountText (major units) to the member's stored value with the member's @p pin,
    /// as an open amount in @p category ("" = "general"). Emits paid() (the session then holds
    /// the receipt) or failed() with the error set (wrong PIN, not enough balance…).
    Q_INVOKABLE void pay(const QString &amountText, const QString &pin, const QString &category = {});
    /// The confirm step before a payment: one line saying what will happen ("Charge ¥128.00 to Li
    /// Wei's stored value", "Record ¥128.00 paid by cash for Li Wei"), for @p payMethod "" = stored
    /// value. "" with the error set when the amount is not valid or no member is selected (then
    /// nothing is to be confirmed).
    Q_INVOKABLE QString confirmation(const QString &amountText, const QString &payMethod);
    /// Records a purchase of @p amountText in @p category paid at the till with @p payMethod, so
    /// that it earns points. Emits paid() or failed().
    Q_INVOKABLE void recordPurchase(const QString &amountText, const QString &category, const QString &payMethod);

Q_SIGNALS:
    void paid();
    void failed();

private:
    void submit(const QString &amountText, const QString &category, const QString &payMethod, const QString &pin);

};

} // namespace tapledger::kiosk
